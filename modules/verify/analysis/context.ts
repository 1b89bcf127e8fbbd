/** What every check reads: the intent, the deployed output, the action vocabulary, and how to report. */
import type { Deployed } from '../deployed';
import type { Intent } from '../intent';
import type { Finding } from './findings';

export interface Check {
  intent: Intent;
  deployed: Deployed;
  vocabulary: readonly string[];
  /** ARNs of every access point deployed or intended, sorted: what a wildcard in an identity policy may reach. */
  knownAccessPoints: readonly string[];
  /** An account the config never names: witnesses of "anyone" come from it. */
  stranger: string;
  /** Why a statement is accepted as written, when the config holds it (producer.bucket.policyStatements). */
  accepted(raw: Record<string, unknown>): string | undefined;
  /** One finding per statement, principal and kind: a statement of "s3:*" is one problem, not 180. */
  dedupe(findings: Finding[]): Finding[];
}

export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = JSON.stringify([f.where, f.sid, f.kind, f.witness?.principal ?? f.message]);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
