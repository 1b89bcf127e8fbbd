/**
 * The handoff README tells the receiving team what main.tf needs before `terraform init`: the AWS profiles it names,
 * the state backend and its sign-in (Terraform Cloud: `terraform login`, organization, workspace), remote state
 * sharing between workspaces, and for an existing bucket that its whole policy is replaced (with how to compare).
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeHandoff } from '../modules/handoff';
import { load, ROOT } from './support/synth';

const TMP = path.join(ROOT, '.tmp', 'handoff-readme');
const readmes = (file: string) => {
  const out = path.join(TMP, path.basename(file, '.json'));
  const folders = writeHandoff(load(file), out, { configFile: file });
  return Object.fromEntries(folders.map((f) => [f, fs.readFileSync(path.join(out, f, 'README.md'), 'utf8')]));
};

describe('Terraform Cloud, one stack per account (examples/per-account-cloud.json)', () => {
  const r = readmes('examples/per-account-cloud.json');

  test('the header names the config file and how to regenerate', () => {
    for (const text of Object.values(r)) {
      expect(text).toContain('Generated from the config `examples/per-account-cloud.json`');
      expect(text).toContain('`CROSS_ACCOUNT_CONFIG=examples/per-account-cloud.json npm run handoff`');
    }
  });

  test('terraform login, the organization and the workspace of each stack', () => {
    expect(r.producer).toContain('organization **`acme`**, workspace **`s3-share-producer`** in project `platform`');
    expect(r['consumer-analytics']).toContain('workspace **`s3-share-consumer-analytics`**');
    // The share's stacks (the bootstrap's own keep local state: docs/terraform-cloud.md).
    for (const [stack, text] of Object.entries(r)) {
      if (stack.startsWith('terraform-cloud')) continue;
      expect(text).toMatch(/```bash\nterraform login\n```/);
      expect(text).toContain('set its execution mode to **Local**');
    }
  });

  test('remote state sharing: asked of the producer for its readers, and said to each reader', () => {
    expect(r.producer).toContain(
      '**Remote state sharing**: `s3-share-consumer-analytics`, `s3-share-consumer-exports` read this workspace',
    );
    expect(r['consumer-analytics']).toContain(
      'the outputs of workspace `s3-share-producer` (organization `acme`). **Remote state sharing**',
    );
    expect(r['consumer-analytics']).not.toContain('read this workspace');
  });

  test('the role each provider assumes, from the credentials of the environment', () => {
    expect(r['consumer-analytics']).toContain(
      '- `aws.consumer_analytics`, account 111111111111 (analytics): the credentials of your environment',
    );
    expect(r['consumer-analytics']).toContain('assuming `arn:aws:iam::111111111111:role/TerraformDeploy`');
  });

  test('no bucket-policy warning: the bucket is created here', () => {
    expect(r.producer).not.toContain('replaced whole');
  });
});

describe('an existing bucket, local state, profiles (examples/sse-s3-existing-bucket.json)', () => {
  const text = readmes('examples/sse-s3-existing-bucket.json')['cross-account'];

  test('every profile main.tf names, and how to check it', () => {
    const main = fs.readFileSync(path.join(TMP, 'sse-s3-existing-bucket', 'cross-account', 'main.tf'), 'utf8');
    const profiles = [...main.matchAll(/^\s*profile\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
    expect(profiles.length).toBeGreaterThan(1);
    for (const p of profiles) {
      expect(text).toContain(`AWS profile **\`${p}\`**`);
      expect(text).toContain(`aws sts get-caller-identity --profile ${p}`);
    }
  });

  test('its WHOLE policy is replaced: save it first, and diff against the planned one', () => {
    expect(text).toContain('## ⚠️ The existing bucket policy is replaced whole');
    expect(text).toContain('replaces its **entire** bucket policy');
    expect(text).toContain(
      'aws s3api get-bucket-policy --bucket legacy-shared-artifacts --query Policy --output text > before.json',
    );
    expect(text).toContain('diff <(jq -S . before.json) <(jq -S . after.json)');
    expect(text).toContain('`producer.bucket.policyStatements`');
    // Said before the apply commands.
    expect(text.indexOf('replaced whole')).toBeLessThan(text.indexOf('terraform apply plan.tfplan'));
  });

  test('local state, and no remote inputs', () => {
    expect(text).toContain('State: a local file');
    expect(text).toMatch(/### Inputs from other stacks\n\nNone\./);
  });
});
