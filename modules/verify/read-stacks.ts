/**
 * Reading cdktf.out for verify: a missing, unreadable or corrupt cdk.tf.json is named, with the JSON error's position.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fsStep } from '../io/errno';
import { formatPath } from '../config/errors';
import { JsonSyntaxError, parseJson } from '../config/json-parser';
import type { Stacks, TfJson } from './terraform';

export type StackFs = Pick<typeof fs, 'existsSync' | 'readdirSync' | 'readFileSync'>;

const AGAIN = 'run `npm run synth` again';

export function readStacksChecked(outdir: string, fsys: StackFs = fs): Stacks {
  const dir = path.join(outdir, 'stacks');
  if (!fsys.existsSync(dir)) throw new Error(`${dir} does not exist: run \`npm run synth\` first`);
  const stacks: Stacks = {};
  for (const name of fsStep('list the folder', dir, () => fsys.readdirSync(dir)).sort()) {
    const file = path.join(dir, name, 'cdk.tf.json');
    if (!fsys.existsSync(file)) throw new Error(`${file} is missing: ${AGAIN}`);
    const text = fsStep('read', file, () => fsys.readFileSync(file, 'utf8'));
    let parsed;
    try {
      parsed = parseJson(text, { comments: false, maxDepth: 256 });
    } catch (e) {
      if (e instanceof JsonSyntaxError)
        throw new Error(`${file} is not valid JSON (${e.message}): ${AGAIN}`, { cause: e });
      throw e;
    }
    const [problem] = parsed.problems;
    if (problem) throw new Error(`${file}: ${formatPath(problem.path)}: ${problem.message}: ${AGAIN}`);
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
      throw new Error(`${file} holds no Terraform JSON object: ${AGAIN}`);
    stacks[name] = parsed.value as TfJson;
  }
  if (Object.keys(stacks).length === 0) throw new Error(`no stacks/*/cdk.tf.json under ${outdir}: ${AGAIN}`);
  return stacks;
}
