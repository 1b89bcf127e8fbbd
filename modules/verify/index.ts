/**
 * modules/verify: offline proof of who can do what. Reads only the config, the
 * routes synth chose (plan.json) and the synthesized Terraform JSON — never the
 * policy generator. Two parts: a complete analysis of every policy statement
 * (any principal, action, key and requester-controlled condition value), and a
 * matrix of the client workflows each consumer runs, evaluated by a real IAM
 * policy engine, with probes of every door an outsider could try.
 */
import type { Config } from '../config';
import { outputNames } from '../contract';
import { analyze, Finding } from './analysis';
import { type Deployed, deployedOf, type SharedInput } from './deployed';
import { evaluateAll, Progress } from './engine';
import { type Intent, intentOf } from './intent';
import { lintDocuments, LintProblem } from './lint';
import { buildMatrix, Cell, mismatches } from './matrix';
import { consumerRows, plainHttp, probeRows } from './rows';
import { checkShape, OutputOf } from './shape';
import { bootstrapNotes, splitBootstrap, terraformCloudFindings } from './terraform-cloud';
import type { Route } from './synthesized';
import type { Stacks } from './terraform';

export { readStacks } from './terraform';
export type { Stacks, TfJson } from './terraform';
export { consoleReport, markdownReport } from './report';
export type { Cell, CellTarget } from './matrix';
export type { Deployed } from './deployed';
export type { Intent, IntendedConsumer } from './intent';
export type { Finding } from './analysis';
export type { LintProblem } from './lint';
export { STAND_INS } from './engine/standins';
export { evaluate } from './engine';
export { readPlan, StaleOutputError } from './synthesized';
export type { Route } from './synthesized';

export interface VerifyResult {
  /** What the output lets through beyond the config (accepted exceptions excluded). */
  findings: Finding[];
  /** Statements the config itself holds that grant beyond the consumers. */
  accepted: Finding[];
  cells: Cell[];
  mismatches: Cell[];
  lint: LintProblem[];
  /** What the report must say about what was assumed. */
  notes: string[];
  ok: boolean;
  /** What the config intends, as verify read it (diff compares on it, never re-reading the config). */
  intent: Intent;
  /** What the output deploys, as verify read it: documents, resources, the bucket's posture. */
  deployed: Deployed;
}

export interface VerifyOptions {
  /** Prefixes per probe row (the symbolic analysis covers the rest). */
  probePrefixes?: number;
  progress?: Progress;
  /**
   * "app" (default): the JSON app's output, whose backend and provider credentials the config names too; "library":
   * a library app's stacks, whose backend and sign-in are the app's own.
   */
  outputOf?: OutputOf;
  /** The prefix of the ProducerSide's outputs (a library app; default "", the JSON app's). */
  prefix?: string;
  /** Many buckets: the shared-roles stacks and the config's other buckets (siblings.ts). */
  shared?: SharedInput;
}

export async function verifyStacks(
  config: Config,
  all: Stacks,
  routes: Route[] = [],
  o: VerifyOptions = {},
): Promise<VerifyResult> {
  // The Terraform Cloud bootstrap grants nothing on the bucket: its stacks have a proof of their own.
  const library = o.outputOf === 'library';
  const { share: stacks, bootstrap } = library ? { share: all, bootstrap: {} } : splitBootstrap(all);
  const intent = intentOf(config, routes);
  const deployed = deployedOf(config, stacks, o.prefix, o.shared);
  const lint = await lintDocuments(deployed.documents);
  const shape = checkShape({
    config,
    intent,
    stacks,
    resources: deployed.resources,
    keyArn: deployed.keyArn,
    resolveText: deployed.resolve,
    of: o.outputOf ?? 'app',
  }).map((f): Finding => ({ ...f, sid: '-' }));
  const bootstrapFindings = library ? [] : terraformCloudFindings(config, stacks, bootstrap);
  const found = [...shape, ...bootstrapFindings, ...(await analyze(intent, deployed))];
  const rows = consumerRows(intent, deployed);
  const known = new Map();
  const cells = await buildMatrix(
    intent,
    deployed,
    [...rows, ...plainHttp(rows), ...probeRows(intent, deployed, o.probePrefixes ?? 5)],
    (requests) => evaluateAll(requests, o.progress, known),
  );
  const bad = mismatches(cells);
  const findings = found.filter((f) => !f.accepted);
  return {
    findings,
    accepted: found.filter((f) => f.accepted),
    cells,
    mismatches: bad,
    lint,
    notes: [...notesOf(config, intent, deployed, o.prefix), ...bootstrapNotes(bootstrap)],
    ok: bad.length === 0 && lint.length === 0 && findings.length === 0,
    intent,
    deployed,
  };
}

function notesOf(
  config: Config,
  intent: ReturnType<typeof intentOf>,
  deployed: ReturnType<typeof deployedOf>,
  prefix = '',
): string[] {
  const notes: string[] = [];
  const out = outputNames(prefix);
  if (deployed.keySource === 'key-owner-output') {
    notes.push(
      `The KMS key is not managed here: its key policy is taken to be the usual administration statement plus the statements of the output ${out.keyPolicyStatements}, which the key owner must add.`,
    );
  }
  for (const c of intent.consumers.filter((x) => !x.managed)) {
    notes.push(
      `Account ${c.accountId} is not managed here: the identity policy of ${c.roleArn} is taken to be the output ${out.identityPolicy(c.name)}, which its owner must attach.`,
    );
  }
  if (config.producer.bucket.existing) {
    notes.push(
      `The bucket ${config.producer.bucket.name} exists already and is never changed here: its Block Public Access, ownership (${config.producer.bucket.objectOwnership}), encryption and versioning are taken as the config states them.`,
    );
  }
  // One note for every consumer overflow moved (at 200 consumers, a hundred identical notes said nothing more).
  const moved = intent.consumers.filter((x) => x.movedByOverflow && x.route === 'access-point').map((x) => x.name);
  const granted = intent.consumers.filter((x) => x.route === 'access-grant');
  if (granted.length) {
    const names = granted.map((x) => x.name);
    const shown =
      names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
    notes.push(
      `${granted.length} consumer(s) get credentials from S3 Access Grants (${granted.filter((x) => x.movedByOverflow).length} moved there by overflow): ${shown}. ` +
        'The IAM engine does not model GetDataAccess: their grants, the instance policy and the location role are proven by our own model (docs/access-grants.md).',
    );
  }
  if (moved.length) {
    const shown =
      moved.length > 10 ? `${moved.slice(0, 10).join(', ')} and ${moved.length - 10} more` : moved.join(', ');
    notes.push(
      `${moved.length} consumer(s) written "direct" reach the bucket through an access point of their own (overflow: the bucket policy is full): ${shown}. Their clients use the access point's ARN or alias; their rights are unchanged. Each one's path is in the summary table.`,
    );
  }
  return notes;
}
export { principalAtoms } from './analysis/principals';
export { restriction } from './analysis/statements';
export { statementsOf } from './analysis/statements';
export { STRING_MATCH } from './analysis/statements';

export { WORKFLOWS } from './workflows';
export { PACK_WORKFLOWS } from './packs';
export type { PackWorkflow } from './packs';
export { locate } from './terraform';
export { resolver } from './terraform';
export type { Located } from './terraform';
export { SYMBOLIC_KEY_ID } from './terraform';
export { readGrants } from './analysis/access-grants';
export type { DeployedGrant } from './analysis/access-grants';
