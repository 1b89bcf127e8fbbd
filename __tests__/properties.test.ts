/**
 * Property-based: every valid config synthesizes and verifies clean; every broken one is refused and writes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { ConfigError, parseConfig } from '../modules/config';
import { verifyStacks } from '../modules/verify';
import { validConfig } from './support/arbitraries';
import { outputOf } from './support/verify';
import { ROOT } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// PROPERTY_RUNS=200 npm test for a deeper search; the default keeps the suite fast.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

test('random valid configs (1-8 consumers, every method and level) synthesize and verify clean', async () => {
  await fc.assert(
    fc.asyncProperty(validConfig, async (raw) => {
      const config = parseConfig(raw);
      const out = outputOf(config);
      const result = await verifyStacks(config, out.stacks, out.routes);
      if (!result.ok) {
        const first = [
          ...result.findings.map((f) => `${f.kind} ${f.where} ${f.sid}: ${f.message}`),
          ...result.lint.map((p) => `${p.where} ${p.sid}: ${p.message}`),
          ...result.mismatches.map((c) => `${c.row} | ${c.workflow} | ${c.scope}: ${c.actual}`),
        ];
        throw new Error(`verify failed for ${JSON.stringify(raw)}:\n${first.slice(0, 10).join('\n')}`);
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
  );
});

// Breaks that each violate one rule; the path must be named.
const BREAKS: [string, (c: Raw) => void][] = [
  ['consumers[0].accountId', (c) => (c.consumers[0].accountId = '12345')],
  ['consumers[0].prefixes[0]', (c) => (c.consumers[0].prefixes = ['*'])],
  ['consumers[0].role.name', (c) => (c.consumers[0].role.name = '')],
  ['producer.bucket.name', (c) => (c.producer.bucket.name = 'Bad_Name')],
  ['region', (c) => (c.region = 'eu-central-9')],
  ['consumers[0].access', (c) => (c.consumers[0].access = 'full')],
  ['consumers[0].externalId', (c) => ((c.consumers[0].method = 'assume-role'), delete c.consumers[0].externalId)],
  ['consumers[0].colour', (c) => (c.consumers[0].colour = 'blue')],
  ['producer.deployRoleArn', (c) => (c.producer.deployRoleArn = 'arn:aws:iam::222222222222:group/Deploy')],
];

test('random invalid configs are refused with the field path, and main writes nothing', () => {
  const tmp = path.join(ROOT, '.tmp', 'prop-invalid');
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../main');
  fc.assert(
    fc.property(validConfig, fc.constantFrom(...BREAKS), (raw, [field, brk]) => {
      const c = JSON.parse(JSON.stringify(raw));
      brk(c);
      let message = '';
      try {
        parseConfig(c);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        message = e.message;
      }
      if (!message.split('\n').some((l) => l.trim().startsWith(`- ${field}: `)))
        throw new Error(`no problem at ${field}:\n${message}`);
      const file = path.join(tmp, 'config.json');
      fs.writeFileSync(file, JSON.stringify(c));
      const outdir = path.join(tmp, 'out');
      const code = main({
        env: { CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: outdir },
        out: () => undefined,
        err: () => undefined,
      });
      return code === 1 && !fs.existsSync(outdir);
    }),
    { numRuns: RUNS * 4, seed: Number(process.env.PROPERTY_SEED ?? 42) },
  );
  fs.rmSync(tmp, { recursive: true, force: true });
});
