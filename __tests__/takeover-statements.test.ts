/**
 * Issue #21, item 9: extra bucket-policy statements granting control of the bucket (its policy, ACLs, encryption,
 * lifecycle, replication, ...) to any principal, or a service principal on behalf of an account that is not ours,
 * need the acknowledgement a widening needs.
 */
import { ConfigError, parseConfig } from '../modules/config';
import { runMain } from './support/run-main';
import { readJson } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const BUCKET = 'arn:aws:s3:::my-shared-bucket';
const CONSUMER_ROOT = 'arn:aws:iam::111111111111:root';

function withStatement(extra: Raw, ack?: Record<string, string>): Raw {
  const c = readJson('cross-account.json');
  c.producer.bucket.policyStatements = [
    { Sid: 'Extra', Effect: 'Allow', Principal: { AWS: CONSUMER_ROOT }, Resource: BUCKET, ...extra },
  ];
  if (ack) c.producer.bucket.acknowledgedStatements = ack;
  return c;
}

function lines(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message.split('\n').slice(1);
  }
  throw new Error('config was accepted');
}

const ACK = 'acknowledge it in producer.bucket.acknowledgedStatements as {"Extra": "<reason, at least 10 characters>"}';

describe('takeover-class actions to a consumer account (not a widening by principal) need an acknowledgement', () => {
  test.each([
    ['s3:PutBucketPolicy', "s3:PutBucketPolicy (rewrites the bucket policy: every grant, this project's included)"],
    ['s3:DeleteBucketPolicy', 's3:DeleteBucketPolicy'],
    ['s3:PutBucketAcl', 's3:PutBucketAcl'],
    ['s3:PutBucketOwnershipControls', 's3:PutBucketOwnershipControls'],
    ['s3:PutEncryptionConfiguration', 's3:PutEncryptionConfiguration'],
    ['s3:PutLifecycleConfiguration', 's3:PutLifecycleConfiguration (expires (deletes) every object on a schedule)'],
    ['s3:PutReplicationConfiguration', 's3:PutReplicationConfiguration'],
    ['s3:PutBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
    ['s3:putbucketpolicy', 's3:PutBucketPolicy'],
    ['s3:PutBucket*', 's3:PutBucketPolicy'],
    ['s3:Put*', 's3:PutLifecycleConfiguration'],
    ['s3:*', 's3:DeleteBucket'],
  ])('%s', (action, text) => {
    const found = lines(withStatement({ Action: [action] }));
    const line = found.find((l) => l.includes('grants control of the bucket'));
    expect(line).toContain(
      'producer.bucket.policyStatements[0].Action: grants control of the bucket, not only of data: ',
    );
    expect(line).toContain(text);
    expect(line).toContain(ACK);
  });

  test('refused through main: exit 1, nothing written; acknowledged, it synthesizes with the warning', () => {
    const refused = runMain('takeover-refused', withStatement({ Action: 's3:PutBucketPolicy' }));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('grants control of the bucket, not only of data: s3:PutBucketPolicy');
    expect(refused.left).toEqual(['config.json']);
    const ok = runMain(
      'takeover-acknowledged',
      withStatement({ Action: 's3:PutBucketPolicy' }, { Extra: 'the platform team manages the policy, SEC-77' }),
    );
    expect(ok.code).toBe(0);
    expect(ok.err).toContain(
      "warning: acknowledged: producer.bucket.policyStatements[0] (Sid Extra) grants control of the bucket, not only of data: s3:PutBucketPolicy (rewrites the bucket policy: every grant, this project's included): the platform team manages the policy, SEC-77",
    );
  });

  test('data actions and Deny statements stay as they were', () => {
    expect(() => parseConfig(withStatement({ Action: ['s3:GetObject', 's3:PutObject'] }))).not.toThrow();
    expect(() =>
      parseConfig(withStatement({ Effect: 'Deny', Principal: '*', Action: 's3:PutBucketPolicy' })),
    ).not.toThrow();
  });
});

describe('a service principal limited to an account that is not ours needs an acknowledgement', () => {
  const service = (condition: Raw) =>
    withStatement({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${BUCKET}/logs/*`,
      Condition: condition,
    });

  test.each([
    [
      'aws:SourceAccount of a stranger',
      { StringEquals: { 'aws:SourceAccount': '999999999999' } },
      'producer.bucket.policyStatements[0].Condition: grants the service principal "logging.s3.amazonaws.com" on behalf of account 999999999999, which is neither the producer nor a consumer',
    ],
    [
      'aws:SourceArn of a stranger',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:us-east-1:999999999999:accesspoint/x' } },
      'on behalf of account 999999999999',
    ],
    [
      'aws:SourceArn naming no account',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::someone-elses-bucket' } },
      'on behalf of a source that names no account',
    ],
    ['a wildcard account', { StringLike: { 'aws:SourceAccount': '*' } }, 'on behalf of a source that names no account'],
    [
      'a negated operator limits nothing',
      { StringNotEquals: { 'aws:SourceAccount': '999999999999' } },
      'without an aws:SourceAccount or aws:SourceArn condition',
    ],
  ])('%s', (_, condition, text) => {
    expect(lines(service(condition)).join('\n')).toContain(text);
  });

  test('limited to the producer or a consumer: no acknowledgement needed', () => {
    expect(() => parseConfig(service({ StringEquals: { 'aws:SourceAccount': '222222222222' } }))).not.toThrow();
    expect(() => parseConfig(service({ StringEquals: { 'aws:SourceAccount': ['111111111111'] } }))).not.toThrow();
  });
});
