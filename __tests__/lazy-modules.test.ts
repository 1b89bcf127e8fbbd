/**
 * modules/cli/lazy-modules.ts, in a Node process of its own (jest loads modules
 * itself, so the hook would not be exercised here): synth's entry loads none of
 * zod's translations, and they still work when used.
 */
import { spawnSync } from 'child_process';
import { ROOT } from './support/synth';

const probe = `
require('./modules/cli/lazy-modules');
require('./main');
const path = require('path');
const loaded = Object.keys(require.cache);
const out = {
  locales: loaded.filter((k) => k.includes(path.join('zod', 'v4', 'locales') + path.sep)).map((k) => path.basename(k)),
};
const z = require('zod');
out.message = z.string().safeParse(1).error.issues[0].message;
out.esModule = z.locales.__esModule;
out.french = typeof z.locales.fr;
out.localesAfterUse = Object.keys(require.cache).filter((k) => k.includes(path.join('zod', 'v4', 'locales') + path.sep)).length;
out.standIn = require('util').types.isProxy(z.locales);
process.stdout.write(JSON.stringify(out));
`;

test('synth loads one locale; the stand-in loads the real module on first use', () => {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', probe], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TS_NODE_TRANSPILE_ONLY: '1' },
  });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({
    locales: ['en.cjs'],
    message: 'Invalid input: expected string, received number',
    esModule: true,
    french: 'function',
    standIn: true,
  });
  expect(out.localesAfterUse).toBeGreaterThan(40);
}, 60_000);
