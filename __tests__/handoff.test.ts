/** Handoff Terraform: valid, warning-free HCL that means exactly what cdk.tf.json means. */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { writeHandoff } from '../modules/handoff';
import { isBootstrapStack } from '../modules/naming';
import { computePlan } from '../modules/plan';
import { synthesize } from '../modules/stacks';
import { evalHclLiteral } from './support/hcl-literal';
import { stringValue } from '../modules/handoff/hcl';
import { EXAMPLES, load, ROOT } from './support/synth';

const TMP = path.join(ROOT, '.tmp', 'handoff');
type J = Record<string, unknown>;

/**
 * Single-element lists of objects become the object (JSON and HCL write nested blocks either way); references lose ${}.
 */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) {
    if (v.length === 1 && typeof v[0] === 'object' && v[0] !== null && !Array.isArray(v[0])) return normalize(v[0]);
    return v.map(normalize);
  }
  if (typeof v === 'object' && v !== null) {
    const out: J = {};
    for (const [k, x] of Object.entries(v as J)) {
      if (k === '//') continue;
      out[k] = normalize(x);
    }
    return out;
  }
  if (typeof v === 'string') {
    const call = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(v);
    if (call) return normalize(evalHclLiteral(call[1]));
    if (v.startsWith('{"Version":')) return normalize(JSON.parse(v));
  }
  return v;
}

/** provider = aws.x and depends_on = [x] are references in HCL, plain strings in cdk.tf.json. */
function unref(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/^\$\{(aws\.[\w-]+|aws_[\w]+\.[\w-]+)\}$/, '$1');
  if (Array.isArray(v)) return v.map(unref);
  return v;
}

function comparable(json: J, fromHcl: boolean): J {
  const sections: J = {};
  for (const section of ['resource', 'data', 'output'] as const) {
    const byType = (json[section] ?? {}) as Record<string, Record<string, unknown>>;
    sections[section] = Object.fromEntries(
      Object.entries(byType).map(([type, named]) => [
        type,
        Object.fromEntries(
          Object.entries(section === 'output' ? { [type]: named } : named).map(([name, body]) => {
            const b = normalize(fromHcl && Array.isArray(body) ? body[0] : body) as J;
            if (b && typeof b === 'object')
              for (const meta of ['provider', 'depends_on']) if (meta in b) b[meta] = unref(b[meta]);
            return [name, b];
          }),
        ),
      ]),
    );
  }
  sections.provider = normalize((json.provider as J)?.aws);
  const t = normalize(json.terraform) as J;
  sections.backend = t.backend ?? null;
  sections.cloud = t.cloud ?? null;
  return sections;
}

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

describe.each(EXAMPLES)('%s', (file) => {
  const config = load(file);
  const name = path.basename(file, '.json');
  const out = path.join(TMP, name);
  let stacks: string[];
  let unmanaged: string[];
  beforeAll(() => {
    const folders = writeHandoff(config, out);
    stacks = folders.filter((f) => !f.startsWith('unmanaged-'));
    unmanaged = folders.filter((f) => f.startsWith('unmanaged-'));
    synthesize(computePlan(config), path.join(TMP, `${name}.json-out`), file, 'handoff');
  });

  test('one folder per stack with main.tf and README.md', () => {
    for (const s of stacks) expect(fs.readdirSync(path.join(out, s)).sort()).toEqual(['README.md', 'main.tf']);
    const readme = fs.readFileSync(path.join(out, stacks[0], 'README.md'), 'utf8');
    expect(readme).toContain('## Apply order');
    expect(readme).toContain('## Outputs');
  });

  test('one folder per account not managed here: what its owner applies, and nothing of Terraform', () => {
    const vendors = config.accounts.filter((a) => !a.managed);
    expect(unmanaged).toEqual(vendors.map((a) => `unmanaged-${a.name}`));
    for (const a of vendors) {
      const dir = path.join(out, `unmanaged-${a.name}`);
      const files = fs.readdirSync(dir).sort();
      const consumers = config.consumers.filter((c) => c.accountId === a.id);
      expect(files).toEqual(['README.md', ...consumers.map((c) => `${c.name}.identity-policy.json`)].sort());
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      for (const c of consumers) {
        expect(readme).toContain(`aws iam put-role-policy --role-name ${c.role.name}`);
        const doc = JSON.parse(fs.readFileSync(path.join(dir, `${c.name}.identity-policy.json`), 'utf8'));
        expect(doc.Statement.length).toBeGreaterThan(0);
        if (c.method === 'assume-role') expect(readme).toContain(`external_id = ${c.externalId}`);
      }
    }
  });

  test('written as a careful human would: unquoted provider references, no interpolation-only strings, jsonencode policies, no metadata, no absolute paths', () => {
    for (const s of stacks) {
      const hcl = fs.readFileSync(path.join(out, s, 'main.tf'), 'utf8');
      // A bootstrap stack has one provider (tfe, or its account's aws), which its resources do not name.
      if (isBootstrapStack(s)) {
        expect(hcl).not.toMatch(/provider\s*=/);
        expect(hcl).not.toMatch(/=\s*"\$\{[^}]*\}"\s*$/m);
        expect(hcl).not.toContain(ROOT);
        continue;
      }
      expect(hcl).toMatch(/provider = aws\.[a-z_-]+\n/);
      expect(hcl).not.toMatch(/provider\s*=\s*"/);
      expect(hcl).not.toMatch(/=\s*"\$\{[^}]*\}"\s*$/m);
      expect(hcl).not.toContain('"{\\"Version');
      expect(hcl).not.toMatch(/"\/\/"|metadata/); // cdktf's "//" blocks
      expect(hcl).not.toContain(ROOT);
      expect(hcl).toContain('source  = "hashicorp/aws"');
      expect(hcl).toContain('version = "~> 6.25"');
      if (/policy\s+=/.test(hcl)) expect(hcl).toMatch(/policy\s+= jsonencode\(\{/);
    }
  });

  test('semantically equal to cdk.tf.json (parsed back with @cdktf/hcl2json)', async () => {
    for (const s of stacks) {
      const fromHcl = (await parse('main.tf', fs.readFileSync(path.join(out, s, 'main.tf'), 'utf8'))) as J;
      const fromJson = JSON.parse(
        fs.readFileSync(path.join(TMP, `${name}.json-out`, 'stacks', s, 'cdk.tf.json'), 'utf8'),
      ) as J;
      expect(comparable(fromHcl, true)).toEqual(comparable(fromJson, false));
    }
  });

  (terraform ? test : test.skip)(
    'terraform fmt -check passes; terraform init -backend=false warns of nothing before the provider download',
    () => {
      execFileSync('terraform', ['fmt', '-check', '-recursive', out], { stdio: 'pipe' });
      for (const s of stacks) {
        const r = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], {
          cwd: path.join(out, s),
          encoding: 'utf8',
          timeout: 120000,
        });
        const text = `${r.stdout}\n${r.stderr}`;
        // The configuration is loaded and checked before providers are fetched: findings there are real.
        const beforeDownload = text
          .split('Initializing provider plugins')[0]
          .replace(/Warning: Unable to open CLI configuration file[\s\S]*?does not exist\.\n/g, '');
        expect(beforeDownload).not.toMatch(/Warning|Error/);
        expect(text).toContain('Initializing provider plugins');
      }
    },
  );
});

if (!terraform) {
  test('terraform checks', () => {
    console.warn('terraform is not installed: the fmt and init checks of the handoff are skipped');
  });
}

describe('HCL strings', () => {
  test('a lone reference is a bare expression', () =>
    expect(stringValue('${aws_kms_key.bucket.arn}')).toBe('aws_kms_key.bucket.arn'));
  test('a reference inside text stays interpolated', () =>
    expect(stringValue('arn:${aws_x.y.id}/*')).toBe('"arn:${aws_x.y.id}/*"'));
  test('template directives, quotes, backslashes and newlines are escaped', () =>
    expect(stringValue('a%{b}"c"\\d\ne')).toBe('"a%%{b}\\"c\\"\\\\d\\ne"'));
  test('the test evaluator reads them back', () =>
    expect(evalHclLiteral('{ "a:b" = "x%%{y}\\n", c = [aws_x.y.arn, 1, true, null], }')).toEqual({
      'a:b': 'x%{y}\n',
      c: ['${aws_x.y.arn}', 1, true, null],
    }));
});
