/**
 * scripts/cdktf-tests.js: which test files test:cdktn runs again on CDK Terrain. A file is left out only when
 * nothing it imports, followed through every relative import, can reach cdktf, cdktn, their providers,
 * constructs or another process.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

const SCRIPT = path.join(ROOT, 'scripts', 'cdktf-tests.js');
const list = (dir: string, ...flags: string[]) =>
  execFileSync(process.execPath, [SCRIPT, dir, ...flags], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean);

test('through imports of any form, to any depth; an import it cannot follow counts as reaching', () => {
  const dir = tmpDir('cdktf-tests');
  const files: Record<string, string> = {
    '__tests__/deep.test.ts': "import { x } from './support/a';\n",
    '__tests__/support/a.ts': "export { y as x } from '../../modules/b';\n",
    'modules/b/index.ts': "import type { App } from 'cdktn';\nexport const y = 1;\n",
    '__tests__/pure.test.ts': "import { z } from '../modules/c';\nimport * as fs from 'fs';\n",
    'modules/c.ts': "export const z = require('./d');\n",
    'modules/d.ts': "import { readFileSync } from 'fs';\n",
    '__tests__/spawns.test.ts': "const { spawnSync } = require('node:child_process');\n",
    '__tests__/lazy.test.ts': "const m = () => import('@cdktf/provider-aws/lib/s3-bucket');\n",
    '__tests__/missing.test.ts': "import { w } from './support/gone';\n",
    '__tests__/cycle.test.ts': "import './support/p';\n",
    '__tests__/support/p.ts': "import './q';\n",
    '__tests__/support/q.ts': "import './p';\nimport { Construct } from 'constructs';\n",
  };
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  expect(list(dir)).toEqual([
    '__tests__/cycle.test.ts',
    '__tests__/deep.test.ts',
    '__tests__/lazy.test.ts',
    '__tests__/missing.test.ts',
    '__tests__/spawns.test.ts',
  ]);
  expect(list(dir, '--others')).toEqual(['__tests__/pure.test.ts']);
});

test("the project's own tests: every file in exactly one list, the synth tests among those run again", () => {
  const reaching = list(ROOT);
  const others = list(ROOT, '--others');
  const all = fs.readdirSync(path.join(ROOT, '__tests__')).filter((f) => f.endsWith('.test.ts'));
  expect([...reaching, ...others].sort()).toEqual(all.map((f) => `__tests__/${f}`).sort());
  expect(reaching).toEqual(expect.arrayContaining(['__tests__/output-record.test.ts', '__tests__/stack.test.ts']));
});
