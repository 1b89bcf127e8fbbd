/** How the diff names principals and paths for a reader. */

export const roleName = (arn: string) => arn.split('/').pop() ?? arn;
export const accountOf = (arn: string) => arn.split(':')[4] ?? '';
export const principalText = (arn: string) => `${roleName(arn)} (${accountOf(arn)})`;
/** A path for a reader: the producer role an assume-role consumer assumes is named, not its ARN. */
export const pathText = (path: string) => (path.startsWith('assumes ') ? `assumes ${roleName(path.slice(8))}` : path);
