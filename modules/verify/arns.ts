/** ARNs verify builds for its requests (the rest come from modules/naming). */

/** The session a role's credentials sign requests with: arn:<p>:sts::<account>:assumed-role/<name>/verify. */
export function sessionArn(roleArn: string): string {
  const [, partition, , , account, resource] = roleArn.split(':');
  if (!resource?.startsWith('role/')) return roleArn;
  return `arn:${partition}:sts::${account}:assumed-role/${resource.split('/').pop()}/verify`;
}

/** An account no part of the config names: the outsider of the probes and witnesses. */
export function strangerAccount(used: Iterable<string>): string {
  const taken = new Set(used);
  let n = 999999999999;
  while (taken.has(String(n))) n--;
  return String(n);
}
