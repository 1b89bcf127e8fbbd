/**
 * What scripts/collect.sh must read, from the config and the synthesized output: per
 * account (and its profile), the bucket, the key, the analyzer and every role the output
 * writes a policy of. Printed as one shell-safe line each (the config's rules leave no
 * space or quote in any of these names).
 */
import { Config, configFileFromEnv, loadConfig } from '../config';
import { readPlan, readStacks } from '../verify';
import { kmsAliasName } from '../naming';
import { locate, resolver, Stacks } from '../verify';

function collectionCalls(config: Config, stacks: Stacks): string[] {
  const all = locate(stacks);
  const resolve = resolver(stacks, all);
  const profile = (account: string) => config.accounts.find((a) => a.id === account)?.profile ?? '-';
  const producer = config.producer.accountId;
  const lines = [`region ${config.region}`, `bucket ${producer} ${profile(producer)} ${config.producer.bucket.name}`];
  if (all.some((r) => r.type === 'aws_kms_key'))
    lines.push(`key ${producer} ${profile(producer)} ${kmsAliasName(config.producer.bucket.name)}`);
  if (config.monitoring?.accessAnalyzer)
    lines.push(`analyzer ${producer} ${profile(producer)} ${config.monitoring.accessAnalyzer.analyzerName}`);
  const roles = new Set<string>();
  for (const r of all) {
    const where = `${r.stack}:${r.type}.${r.name}`;
    // Access points of consumer accounts: read there (those of the producer come with its bucket's listing).
    if (r.type === 'aws_s3_access_point' && String(r.body.account_id ?? r.account) !== producer) {
      const account = String(r.body.account_id ?? r.account);
      lines.push(`accesspoint ${account} ${profile(account)} ${String(r.body.name)}`);
    }
    if (r.type === 'aws_iam_role') roles.add(`${r.account} ${String(r.body.name)}`);
    if (r.type === 'aws_iam_role_policy') roles.add(`${r.account} ${resolve(String(r.body.role), where)}`);
  }
  for (const k of [...roles].sort()) {
    const [account, role] = k.split(' ');
    lines.push(`role ${account} ${profile(account)} ${role}`);
  }
  return lines;
}

/** For scripts/collect.sh: the lines, from cdktf.out and the config (CROSS_ACCOUNT_CONFIG). */
function collectionCallsMain(): number {
  const file = configFileFromEnv(process.env);
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const config = loadConfig(file);
  const plan = readPlan(outdir, config, file);
  const stacks = readStacks(outdir, undefined, (plan as { stacks?: string[] }).stacks);
  process.stdout.write(`${collectionCalls(config, stacks).join('\n')}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = collectionCallsMain();
  } catch (e) {
    process.stderr.write(`collect: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
