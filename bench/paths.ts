/**
 * Where the bench runs from. `npm run bench` compiles it with the project (tsc, into
 * .tmp/bench-build) so that every side runs as compiled JavaScript, as `npm run synth` does;
 * under ts-node it runs from its sources. Either way results.json and the plain .js helpers
 * stay in bench/.
 */
import * as fs from 'fs';
import * as path from 'path';

function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bench', 'generate.ts')))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project root above ${from}`);
  }
}

export const ROOT = projectRoot(__dirname);
/** The bench's sources: results.json, floor.js, rss-probe.js, node_modules (the AWS CDK side). */
export const BENCH = path.join(ROOT, 'bench');
const EXT = path.extname(__filename);
const tsNode = path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js');

/** Node's arguments to run one of the bench's TypeScript entries (`name` without extension). */
export const entry = (name: string): string[] =>
  EXT === '.ts' ? [tsNode, '--swc', path.join(__dirname, `${name}.ts`)] : [path.join(__dirname, `${name}.js`)];

/** How the sides run, for the report. */
