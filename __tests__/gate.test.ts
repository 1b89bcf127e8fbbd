/** The gate: no `${` or `%{` from the config reaches Terraform, whatever field it hides in. */
import fc from 'fast-check';
import { ConfigError, parseConfig } from '../modules/config';
import { formatPath } from '../modules/config/errors';
import { validConfig } from './support/arbitraries';
import { runMain } from './support/run-main';
import { EXAMPLES, load, readJson, synth } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Raw => readJson('cross-account.json');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const TEMPLATE = 'Terraform would evaluate it as its own template';

function lines(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^\s+- /, ''));
  }
  throw new Error('config was accepted');
}

// [name, mutation, the line that must be printed (start)]
const cases: [string, (c: Raw) => void, string][] = [
  [
    'role path reading a file',
    (c) => (c.consumers[0].role.path = '/${file("/etc/passwd")}/'),
    'consumers[0].role.path: the value contains "${"',
  ],
  [
    'deploy role ARN',
    (c) => (c.producer.deployRoleArn = 'arn:aws:iam::222222222222:role/${var.x}'),
    'producer.deployRoleArn: the value contains "${"',
  ],
  [
    'an assumedBy role ARN',
    (c) => (c.consumers[0].role.assumedBy = ['arn:aws:iam::111111111111:role/${timestamp()}']),
    'consumers[0].role.assumedBy[0]: the value contains "${"',
  ],
  [
    'cloud backend project',
    (c) => (c.backend = { type: 'cloud', organization: 'acme', project: '%{ for x in [1] }x%{ endfor }' }),
    'backend.project: the value contains "%{"',
  ],
  [
    'a condition key',
    (c) =>
      (c.producer.bucket.policyStatements = [
        {
          Sid: 'A',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::my-shared-bucket/*',
          Condition: { StringEquals: { '${aws:username}': 'x' } },
        },
      ]),
    'producer.bucket.policyStatements[0].Condition.StringEquals.${aws:username}: the key contains "${"',
  ],
  ['an unknown field named like a template', (c) => (c.producer['${x}'] = 1), 'producer.${x}: the key contains "${"'],
  [
    'a constructor key (JSON.parse keeps it)',
    (c) => Object.assign(c.consumers[0], JSON.parse('{"constructor": {"prototype": 1}}')),
    'consumers[0].constructor: the key "constructor" is refused',
  ],
  [
    '__proto__ in a Principal (JSON.parse keeps it)',
    (c) =>
      (c.producer.bucket.policyStatements = [
        JSON.parse(
          '{"Sid": "A", "Effect": "Deny", "Principal": {"__proto__": {"AWS": "*"}}, "Action": "s3:*", "Resource": "arn:aws:s3:::my-shared-bucket"}',
        ),
      ]),
    'producer.bucket.policyStatements[0].Principal.__proto__: the key "__proto__" is refused',
  ],
];

describe('the gate refuses, naming the path; through main: exit 1, nothing written', () => {
  test.each(cases)('%s', (name, mutate, line) => {
    const c = base();
    mutate(c);
    const found = lines(c);
    expect(found.find((l) => l.startsWith(line))).toBeDefined();
    if (line.includes('contains')) expect(found.join('\n')).toContain(TEMPLATE);
    const r = runMain(`gate-${name}`, c);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`- ${line}`);
    expect(r.left).toEqual(['config.json']);
  });
});

/** Every path to a string in a raw config (keys included, as paths to keys). */
function stringLeaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringLeaves(x, [...path, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => stringLeaves(x, [...path, k]));
  return [];
}

const templated = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('${', '%{'), fc.string({ maxLength: 12 }), fc.boolean())
  .map(([before, seq, inside, close]) => `${before}${seq}${inside}${close ? '}' : ''}`);

test('property: a template sequence in any string field of a valid config is refused, naming that field', () => {
  fc.assert(
    fc.property(validConfig, fc.nat(), templated, (raw, pick, evil) => {
      const c = JSON.parse(JSON.stringify(raw));
      const leaves = stringLeaves(c);
      const path = leaves[pick % leaves.length];
      let parent = c;
      for (const k of path.slice(0, -1)) parent = parent[k];
      parent[path[path.length - 1]] = evil;
      const found = lines(c);
      if (!found.some((l) => l.startsWith(`${formatPath(path)}: the value contains`) && l.includes(TEMPLATE)))
        throw new Error(`no refusal at ${formatPath(path)}:\n${found.join('\n')}`);
    }),
    { numRuns: RUNS * 8, seed: Number(process.env.PROPERTY_SEED ?? 7) },
  );
});

test('property: a template sequence in any object key is refused, naming that key', () => {
  fc.assert(
    fc.property(validConfig, fc.nat(), templated, (raw, pick, evil) => {
      const c = JSON.parse(JSON.stringify(raw));
      const objects: [Raw, (string | number)[]][] = [];
      const collect = (v: unknown, path: (string | number)[]) => {
        if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...path, i]));
        else if (typeof v === 'object' && v !== null) {
          objects.push([v as Raw, path]);
          for (const [k, x] of Object.entries(v)) collect(x, [...path, k]);
        }
      };
      collect(c, []);
      const [target, path] = objects[pick % objects.length];
      target[evil] = 'x';
      const found = lines(c);
      if (!found.some((l) => l.startsWith(`${formatPath([...path, evil])}: the key contains`)))
        throw new Error(`no refusal at ${formatPath([...path, evil])}:\n${found.join('\n')}`);
    }),
    { numRuns: RUNS * 4, seed: Number(process.env.PROPERTY_SEED ?? 8) },
  );
});

describe('synthesized Terraform holds no template sequence but cdktf references', () => {
  test.each(EXAMPLES)('%s', (file) => {
    for (const { text } of Object.values(synth(load(file)).stacks)) {
      const found = text.match(/[$%]\{[^}]*\}?/g) ?? [];
      // References of resources (aws_, and the bootstrap's tfe_) and data sources; nothing the config wrote.
      expect(found.filter((t) => !/^\$\{((aws|tfe)_[a-z0-9_]+\.|data\.)[\w.-]+\}$/.test(t))).toEqual([]);
    }
  });
});
