/**
 * IAM role names are unique case-insensitively within an account: "Reader" and
 * "reader" are one role to AWS, so a config naming both would create one and
 * fail on the other, or pin an ARN that never matches. Every role of an account
 * counts: created and attached consumer roles, and the producer roles of
 * assume-role consumers (in the producer account).
 */
import { defaultProducerRoleName } from './consumers';
import type { Problem } from './problems';
import { formatPath } from '../errors';
import type { ParsedConfig } from '../schema';

export function roleNameCaseProblems(c: ParsedConfig): Problem[] {
  const roles: { account: string; name: string; path: (string | number)[] }[] = [];
  c.consumers.forEach((k, i) => {
    roles.push({ account: k.accountId, name: k.role.name, path: ['consumers', i, 'role', 'name'] });
    if (k.method === 'assume-role')
      roles.push({
        account: c.producer.accountId,
        name: k.producerRoleName ?? defaultProducerRoleName(k.name),
        path: ['consumers', i, 'producerRoleName'],
      });
  });
  const first = new Map<string, (typeof roles)[number]>();
  const problems: Problem[] = [];
  for (const role of roles) {
    const key = `${role.account}/${role.name.toLowerCase()}`;
    const seen = first.get(key);
    if (!seen) first.set(key, role);
    else if (seen.name !== role.name)
      problems.push({
        path: role.path,
        message: `role "${role.name}" in account ${role.account} differs only in case from "${seen.name}" (${formatPath(seen.path)}): IAM role names are case-insensitive, so AWS sees one role; spell it the same way`,
      });
  }
  return problems;
}
