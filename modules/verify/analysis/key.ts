/**
 * The KMS key policy (a created key's, or the statements the owner of an
 * existing key is told to add): the producer account administers it; consumers
 * use it through S3 only (kms:ViaService), for this bucket's data only
 * (kms:EncryptionContext:aws:s3:arn), with the actions of their levels.
 */
import type { NamedDoc } from '../deployed';
import { kmsActionsOf } from '../intent';
import type { Check } from './context';
import type { Finding } from './findings';
import { confinedTo, hasWildcard } from './patterns';
import { Atom, describeAtom } from './principals';
import { statementsOf } from './statements';
import { summarize, Summary } from './summary';
import { contextFor, principalOf } from './witness';

export function checkKeyPolicy(check: Check, doc: NamedDoc): Finding[] {
  const { intent } = check;
  const kms = intent.kms;
  const out: Finding[] = [];
  if (!kms) return out;
  const byAccount = kms.keyGrants === 'accounts';
  for (const s of statementsOf(doc.doc)) {
    if (s.effect !== 'Allow') continue;
    const sum = summarize(s, check.vocabulary);
    const found: Finding[] = [];
    const actions = sum.actions === 'all' ? ['kms:*'] : [...sum.actions].filter((a) => a.startsWith('kms:'));
    for (const atom of sum.atoms) {
      // The bucket's own account administers its key: IAM there decides (as for the bucket itself).
      if (atom.kind === 'aws' && atom.account === intent.producer) continue;
      const who = describeAtom(atom);
      const users = intent.consumers.filter(
        (c) =>
          atom.kind === 'aws' &&
          (byAccount ? atom.account === c.actingAccount : !hasWildcard(atom.arn) && atom.arn === c.actingArn),
      );
      const allowed = new Set(users.flatMap((c) => kmsActionsOf(c.level)));
      const wrong = actions.filter((a) => !allowed.has(a));
      const fail = (kind: Finding['kind'], message: string, action: string, context: Record<string, string>) =>
        found.push({
          where: doc.where,
          sid: s.sid,
          kind,
          message: `${who}: ${message}`,
          witness: {
            principal: principalOf(atom, intent.partition, check.stranger),
            action,
            resource: check.deployed.keyArn ?? '*',
            context: contextFor(s, context),
          },
        });
      if (users.length === 0) {
        if (actions.length)
          fail(
            'principal',
            `may use the bucket key (${actions.join(', ')}), but no consumer acts as this principal`,
            actions[0],
            {},
          );
        continue;
      }
      if (wrong.length)
        fail('kms', `${wrong.join(', ')} beyond what its level needs (${[...allowed].join(', ')})`, wrong[0], {});
      if (!viaS3Only(intent.viaService, sum)) {
        fail(
          'kms',
          'may call KMS directly, not only through S3 (no kms:ViaService of this region)',
          actions[0] ?? 'kms:Decrypt',
          { 'kms:ViaService': 'verify.amazonaws.com' },
        );
      }
      const contexts = allowedContexts(
        check,
        atom,
        users.flatMap((c) => c.prefixes),
        users.some((c) => c.prefixes.length === 0),
      );
      if (
        sum.context === 'any' ||
        !sum.context.every((p) => contexts.some((q) => (q.endsWith('*') ? confinedTo(p, q.slice(0, -1)) : p === q)))
      ) {
        fail(
          'kms',
          `may decrypt data of ${sum.context === 'any' ? 'anything the key encrypts' : sum.context.join(', ')}, beyond its granted prefixes`,
          actions[0] ?? 'kms:Decrypt',
          {
            'kms:ViaService': intent.viaService,
            'kms:EncryptionContext:aws:s3:arn': `${intent.bucketArn}/verify-outside/object`,
          },
        );
      }
    }
    out.push(...check.dedupe(found));
  }
  return out;
}

const viaS3Only = (via: string, sum: Summary) => sum.viaService !== 'any' && sum.viaService.every((v) => v === via);

/**
 * The contexts a consumer's use of the key may carry: the bucket (Bucket Keys) and its objects under the granted
 * prefixes.
 */
function allowedContexts(check: Check, atom: Atom, prefixes: string[], wholeBucket: boolean): string[] {
  const { intent } = check;
  const bucketWide = wholeBucket || (intent.kms?.keyGrants === 'accounts' && atom.kind === 'aws' && atom.arn === '*');
  return [
    intent.bucketArn,
    ...(bucketWide ? [`${intent.bucketArn}/*`] : prefixes.map((p) => `${intent.bucketArn}/${p}*`)),
  ];
}
