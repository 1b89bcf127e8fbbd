/** The handoff README's section for consumers of method "access-grant": how their workloads get credentials. */

type Obj = Record<string, unknown>;

/** From the stack's `consumer_<name>_get_data_access` outputs: the CLI calls, and the same in the SDK. */
export function accessGrantsSection(json: Obj, account: string, region: string): string[] {
  const outputs = Object.entries((json.output ?? {}) as Record<string, { value?: unknown }>).filter(
    ([name, o]) => name.endsWith('_get_data_access') && typeof o.value === 'string',
  );
  if (outputs.length === 0) return [];
  const first = String(outputs[0][1].value).split('\n')[0];
  const quoted = /--target '([^']*)'/.exec(first)?.[1];
  const target = quoted ?? /--target (\S+)/.exec(first)?.[1] ?? 's3://bucket/prefix/*';
  const permission = /--permission (\S+)/.exec(first)?.[1] ?? 'READ';
  return [
    '## Credentials from S3 Access Grants',
    '',
    'Consumers of method "access-grant" have no rights on the bucket itself: run as the consumer\'s role, ask the ' +
      "producer's Access Grants instance for temporary credentials scoped to the grant, then use them for S3 " +
      '(they last an hour by default; `--duration-seconds` up to 43200).',
    '',
    ...outputs.flatMap(([name, o]) => [`\`${name}\`:`, '', '```sh', String(o.value), '```', '']),
    'The same with the SDK (Python, boto3):',
    '',
    '```python',
    'import boto3',
    `creds = boto3.client("s3control", region_name="${region}").get_data_access(`,
    `    AccountId="${account}", Target="${target}", Permission="${permission}")["Credentials"]`,
    's3 = boto3.client("s3", aws_access_key_id=creds["AccessKeyId"],',
    '    aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])',
    '```',
    '',
  ];
}
