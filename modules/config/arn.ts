/** ARNs are parsed into their six parts, never matched loosely with one regex. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

/** Returns the parts, or a sentence saying what is wrong. */
export function parseArn(text: string): Arn | string {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return 'must be an ARN of the form arn:<partition>:<service>:<region>:<account>:<resource>';
  }
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  if (!PARTITIONS.includes(partition)) return `has unknown partition "${partition}" (one of ${PARTITIONS.join(', ')})`;
  if (!/^[a-z0-9-]+$/.test(service)) return `has an invalid service "${service}"`;
  if (account !== '' && !/^\d{12}$/.test(account)) return `has an invalid account "${account}" (12 digits)`;
  if (resource === '') return 'has an empty resource part';
  return { partition, service, region, account, resource };
}

export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/([\x21-\x7e]{0,510}\/)?$/;

export interface RoleArn extends Arn {
  path: string;
  name: string;
}

/** An IAM role ARN, with path and name split. */
export function parseRoleArn(text: string): RoleArn | string {
  const arn = parseArn(text);
  if (typeof arn === 'string') return arn;
  if (arn.service !== 'iam') return `must be an IAM role ARN (service "iam", not "${arn.service}")`;
  if (arn.region !== '') return 'must be an IAM role ARN (IAM ARNs have an empty region)';
  if (arn.account === '') return 'must name the 12-digit account of the role';
  if (!arn.resource.startsWith('role/')) return 'must be an IAM role ARN (resource "role/<name>")';
  const full = arn.resource.slice('role'.length);
  const cut = full.lastIndexOf('/');
  const path = full.slice(0, cut + 1);
  const name = full.slice(cut + 1);
  if (!ROLE_PATH.test(path)) return `has an invalid role path "${path}"`;
  if (!ROLE_NAME.test(name)) return `has an invalid role name "${name}" (1-64 of letters, digits and +=,.@_-)`;
  return { ...arn, path, name };
}

const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A KMS key ARN. Aliases are refused: they resolve only inside the key's own account. */
export function parseKeyArn(text: string): Arn | string {
  const arn = parseArn(text);
  if (typeof arn === 'string') return arn;
  if (arn.service !== 'kms') return `must be a KMS key ARN (service "kms", not "${arn.service}")`;
  if (arn.resource === 'alias/aws/s3') {
    return (
      'names the AWS-managed key aws/s3, whose key policy cannot grant another account: ' +
      'use a customer-managed key ({"type":"kms"} creates one) or {"type":"s3"}'
    );
  }
  if (arn.resource.startsWith('alias/')) {
    return "is an alias ARN: name the key by its full key ARN (arn:aws:kms:<region>:<account>:key/<key-id>); an alias resolves only inside the key's own account";
  }
  if (arn.region === '' || arn.account === '') return 'must include the region and the account of the key';
  if (!arn.resource.startsWith('key/') || !KEY_ID.test(arn.resource.slice(4))) {
    return 'must end in key/<key-id> (a key UUID or mrk-<32 hex> multi-Region key ID)';
  }
  return arn;
}
