/** What each side of `npm run bench` is, and what it leaves out that ours does (and the reverse). */

// Not in results.ts: `./results` resolves to results.json under ts-node.
/** The sides, in the rotation order of the first round (each round starts one further). */
export const SIDE_KEYS = [
  'ours',
  'stock',
  'floor',
  'startup',
  'verify',
  'diff',
  'plain',
  'cdkValMin',
  'cdkVal',
  'cdkMin',
  'cdkBare',
] as const;
export type SideKey = (typeof SIDE_KEYS)[number];

export type SideName = SideKey;

export interface SideInfo {
  label: string;
  what: string;
  leftOut: string[];
}

const CDK_LEFT_OUT = [
  'no outputs but the bucket ARN (ours writes one per access point ARN and alias, producer role and consumer; CloudFormation allows 200 outputs per stack)',
  'no merging across consumers beyond what `minimizePolicies` does, no size check against the 20 KB bucket-policy or 32 KB key-policy limit, no consumers moved to access points: from the N where its bucket policy passes 20 KB its deploy would fail',
  'principals are role ARNs (a deploy fails with "Invalid principal" until each role exists), no `aws:PrincipalArn` pinning, wildcard actions (`s3:GetObject*`, `s3:List*`, `s3:DeleteObject*`, `kms:GenerateDataKey*`, `kms:ReEncrypt*`), no `s3:prefix` condition on listing, no `kms:ViaService` condition',
  'the bucket policy delegates to every access point of the producer account (AWS’s documented pattern), not per consumer account',
  'one CloudFormation stack per account (deployed one by one, each with its own env) instead of one Terraform configuration with a provider per account; stacks past 500 resources or 1 MB of template do not deploy (see the stack columns)',
  'adds what ours does not need: a role and policy per producer stack to publish outputs read across accounts (`Fn::GetStackOutput`, counted in its resources), CDK metadata',
];

export const SIDES: Record<SideName, SideInfo> = {
  ours: {
    label: 'ours',
    what: '`npm run synth` on the generated config (`node main.js` on the bench’s own tsc build of the project: the JavaScript `npm run synth` runs from dist/, without npm’s start-up; V8’s default heap settings), CDKTF_OUTDIR in a temporary folder. It writes the stacks’ Terraform JSON as modules/emit builds it from the plan, without cdktf (byte for byte what the constructs and cdktf write: the stock side)',
    leftOut: [
      'no cdktf construct tree: that rendering is the stock side’s (and a library app’s, which builds the constructs itself)',
      'no validator over the output (synth does not run `terraform validate`; the counterpart of what AWS CDK’s built-in CloudFormation validation does)',
      'not exercised by this config: access points owned by consumer accounts, the audit trail, per-account stacks, remote state',
    ],
  },
  stock: {
    label: 'ours, stock rendering',
    what: 'the same command with `CROSS_ACCOUNT_RENDER=stock`: the same plan rendered through the library’s constructs in a cdktf app and synthesized by cdktf as it ships (the same bytes as ours)',
    leftOut: ['nothing ours does; it adds the construct tree, token resolution and cdktf’s validations'],
  },
  cdkValMin: {
    label: 'AWS CDK, new project (validation on, minimizePolicies on)',
    what: 'aws-cdk-lib (bench/cdk-side.ts, bench/cdk-app.ts) with the context `cdk init` writes (recommended-feature-flags.json of aws-cdk-lib, including `@aws-cdk/aws-iam:minimizePolicies`, and NEW_PROJECT_DEFAULT_CONTEXT) and the context `cdk synth` passes by default (path and asset metadata, version reporting); built-in CloudFormation validation on (its default). Compiled by tsc, run by node; the `cdk` CLI itself is not timed, as the cdktf CLI is not on our side',
    leftOut: CDK_LEFT_OUT,
  },
  cdkVal: {
    label: 'AWS CDK, validation on, minimizePolicies off',
    what: 'the same app with `@aws-cdk/aws-iam:minimizePolicies` false (BENCH_CDK_MINIMIZE=false)',
    leftOut: ['everything the new-project run leaves out, and the merging of statements minimizePolicies does'],
  },
  cdkMin: {
    label: 'AWS CDK, CDK_VALIDATION=false, minimizePolicies on',
    what: 'the new-project app with `CDK_VALIDATION=false`: aws-cdk-lib’s built-in CloudFormation validation off',
    leftOut: ['everything the new-project run leaves out, and the CloudFormation validation of its templates'],
  },
  cdkBare: {
    label: 'AWS CDK, CDK_VALIDATION=false, minimizePolicies off',
    what: 'the app with validation and minimizePolicies both off: the fastest AWS CDK setting',
    leftOut: ['everything the new-project run leaves out, the CloudFormation validation and the merging of statements'],
  },
  plain: {
    label: 'plain cdktf',
    what: 'a cdktf app written by hand (bench/plain-cdktf.ts) with the project’s own cdktf and @cdktf/provider-aws: the same resources for the consumers as configured, one `aws_iam_policy_document` data source per policy, one statement per grant, no merging, no size check; compiled by tsc and run by node as its own process, as ours is',
    leftOut: [
      'no merging: one statement per grant, so the bucket and key policies grow with every consumer and do not fit AWS’s limits (20 KB, 32 KB) from a few dozen consumers',
      'no size check, no consumers moved to access points',
      'principals are role ARNs (fail with "Invalid principal" until each role exists), no `aws:PrincipalArn` pinning, no organization guard',
      'no config validation (the config is trusted as given), no `depends_on` chain on the bucket’s settings, no audit trail, no CLI profile outputs',
    ],
  },
  verify: {
    label: 'verify',
    what: '`npm run verify` on the output of ours (`node modules/verify/cli.js` compiled, which bounds the heap’s growth to 20 % as `npm run verify` does: modules/verify/heap.ts): the complete analysis of every statement and the workflow matrix, decided by verify’s own evaluator with @cloud-copilot/iam-simulate for what it does not model (VERIFY_STATS=1 prints how many each decided)',
    leftOut: [],
  },
  diff: {
    label: 'diff',
    what: '`npm run diff -- <base.json>` with CROSS_ACCOUNT_CONFIG=<current.json> (compiled `modules/diff/cli.js`): the generated config against the same with one consumer’s level changed and the last consumer removed; each side synthesized and verified',
    leftOut: [],
  },
  startup: {
    label: 'Node start-up',
    what: '`node bench/floor.js <dir>` with no file: Node’s start-up and the floor’s two built-in requires, which every side pays once. Not a target: it tells a drift of the machine (which moves every side by about the same milliseconds, and so the ratios to the floor) from a change of ours',
    leftOut: ['everything: the process alone'],
  },
  floor: {
    label: 'floor',
    what: 'plain Node (`node bench/floor.js`): JSON.parse + JSON.stringify(…, null, 2) + writeFileSync of the cdk.tf.json our synth wrote (the same bytes: checked); whole process adds Node’s start-up and the read',
    leftOut: ['everything but writing the bytes: no config, no policy model, no constructs'],
  },
};
