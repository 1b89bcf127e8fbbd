/**
 * Everything in the bucket-owner account (modules/producer/index.ts): key, audit,
 * bucket and policy, access grants, the producer's access points, the roles
 * assume-role consumers assume, monitoring, outputs.
 */
import { outputNames } from '../contract';
import { accountCalled, namer, PRODUCER_ROLE_POLICY } from '../naming';
import type { Plan } from '../plan';
import { policyText, toJson } from '../policy';
import { emitAccessGrants } from './access-grants';
import { emitAccessPoint } from './access-point';
import { emitAudit } from './audit';
import { EmittedBucket, emitBucket, emitKey } from './bucket';
import { emitMonitoring } from './monitoring';
import { pathOf, ref, StackJson } from './stack';

export interface EmittedProducer {
  bucketId: string;
  keyArn?: string;
}

/** The producer side at `path` (the JSON app: `<stack>/producer`, unprefixed names). */
export function emitProducer(stack: StackJson, path: string, plan: Plan, provider: string): EmittedProducer {
  const names = namer('');
  const out = outputNames('');
  const { config, documents: docs } = plan;
  const bucket = config.producer.bucket;
  const enc = bucket.encryption;
  const at = (id: string) => pathOf(path, id);

  let keyArn = enc.type === 'kms' ? enc.keyArn : undefined;
  if (docs.keyPolicy)
    keyArn = emitKey(stack, at('key'), {
      provider,
      bucketName: bucket.name,
      policy: toJson(docs.keyPolicy),
      terraformName: names('bucket'),
    });

  const logTargetBucket = emitAudit(stack, at('audit'), {
    config,
    provider,
    accessLogBucketPolicy: docs.accessLogBucketPolicy,
    trailBucketPolicy: docs.trailBucketPolicy,
    names,
  });
  const shared = emitBucket(stack, at('bucket'), {
    provider,
    bucket,
    policy: policyText(toJson(docs.bucketPolicy), keyArn),
    kmsKeyArn: keyArn,
    logTargetBucket,
    terraformName: names('bucket'),
  });
  if (docs.accessGrants && config.producer.accessGrants)
    emitAccessGrants(stack, at('access-grants'), {
      provider,
      instance: config.producer.accessGrants,
      docs: docs.accessGrants,
      bucketId: shared.bucketId,
      keyArn,
      names,
    });
  for (const ap of docs.accessPoints) {
    if (ap.accountId !== config.producer.accountId) continue;
    emitAccessPoint(stack, at(`access-point-${ap.consumer}`), {
      provider,
      ownerCalled: accountCalled(config, ap.accountId),
      bucket: shared.bucketId,
      bucketAccountId: config.producer.accountId,
      ap,
      names,
      outputNames: out,
      outputs: true,
    });
  }
  const roleArns: [string, string][] = [];
  for (const rp of docs.producerRoles) {
    const rolePath = at(`role-${rp.consumer}`);
    const name = names('producer', rp.consumer);
    const role = stack.resource(
      'aws_iam_role',
      name,
      pathOf(rolePath, 'role'),
      {
        name: rp.name,
        description: `Assumed by consumer ${rp.consumer} (with its External ID) for access to the shared bucket`,
        assume_role_policy: toJson(rp.trust),
        max_session_duration: 3600,
      },
      { provider },
    );
    stack.resource(
      'aws_iam_role_policy',
      name,
      pathOf(rolePath, 'policy'),
      { role: ref(role, 'id'), name: PRODUCER_ROLE_POLICY, policy: policyText(toJson(rp.permissions), keyArn) },
      { provider },
    );
    roleArns.push([rp.consumer, ref(role, 'arn')]);
  }
  if (plan.monitoring)
    emitMonitoring(stack, at('monitoring'), {
      provider,
      plan: plan.monitoring,
      bucketId: shared.bucketId,
      after: shared.policy,
      bucketCreated: !bucket.existing,
      keyArn,
      names,
      outputNames: out,
      outputs: true,
    });
  producerOutputs(stack, path, plan, shared, keyArn, roleArns);
  return { bucketId: shared.bucketId, keyArn };
}

function producerOutputs(
  stack: StackJson,
  path: string,
  plan: Plan,
  shared: EmittedBucket,
  keyArn: string | undefined,
  roleArns: [string, string][],
): void {
  const output = (name: string, value: string, description: string, sensitive = false) =>
    stack.output(path, name, name, value, description, sensitive);
  const out = outputNames('');
  const { config } = plan;
  const producer = accountCalled(config, config.producer.accountId);
  const enc = config.producer.bucket.encryption;
  const keyOwner = enc.type === 'kms' && enc.keyArn ? accountCalled(config, enc.keyArn.split(':')[4]) : producer;
  output(out.bucketName, shared.bucketId, `Name of the shared bucket, in ${producer}`);
  output(out.bucketArn, shared.bucketArn, `ARN of the shared bucket, in ${producer}`);
  if (keyArn)
    output(
      out.kmsKeyArn,
      keyArn,
      `ARN of the KMS key that encrypts the bucket (policies name it by this full ARN), in ${keyOwner}`,
    );
  if (plan.documents.keyOwnerStatements)
    output(
      out.keyPolicyStatements,
      toJson(plan.documents.keyOwnerStatements),
      'Statements the owner of the existing KMS key must add to its key policy (this project does not manage that key)',
    );
  const grants = plan.documents.accessGrants;
  if (grants) {
    output(
      out.accessGrantsInstanceArn,
      grants.instanceArn,
      `S3 Access Grants instance that access-grant consumers ask for credentials (s3:GetDataAccess), in ${producer}`,
    );
    if (grants.instancePolicy && config.producer.accessGrants?.resourcePolicy === 'handoff')
      output(
        out.accessGrantsPolicyStatements,
        toJson(grants.instancePolicy),
        'Statements the owner of the existing Access Grants instance must merge into its resource policy (this project does not manage it)',
      );
  }
  for (const [consumer, arn] of roleArns)
    output(out.producerRoleArn(consumer), arn, `Role in ${producer} that consumer ${consumer} assumes`);
  for (const u of plan.unmanaged) {
    output(
      out.identityPolicy(u.consumer),
      policyText(toJson(u.identity), keyArn),
      `Identity policy the owner of account ${u.accountId} attaches to ${u.roleArn} (that account is not managed here)`,
    );
    if (u.cliProfile)
      output(
        out.cliProfile(u.consumer),
        u.cliProfile,
        `AWS CLI profile for consumer ${u.consumer}: hand it to the owner of account ${u.accountId} (carries the External ID)`,
        true,
      );
  }
}
