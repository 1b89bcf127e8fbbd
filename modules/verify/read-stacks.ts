/**
 * Reading cdktf.out for verify: a missing, unreadable or corrupt cdk.tf.json is named, with the JSON error's position.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fsStep } from '../io/errno';
import { MAX_TERRAFORM_JSON_BYTES, readInputFile, type ReadFs } from '../io/read-file';
import { formatPath } from '../config/errors';
import { JsonSyntaxError, parseJson } from '../config/json-parser';
import { checkedStack } from './stack-file';
import type { Stacks } from './terraform';

export type StackFs = Pick<typeof fs, 'existsSync' | 'readdirSync' | 'readFileSync'> & ReadFs;

const AGAIN = 'run `npm run synth` again';

export function readStacksChecked(outdir: string, fsys: StackFs = fs): Stacks {
  const dir = path.join(outdir, 'stacks');
  if (!fsys.existsSync(dir)) throw new Error(`${dir} does not exist: run \`npm run synth\` first`);
  const stacks: Stacks = {};
  for (const name of fsStep('list the folder', dir, () => fsys.readdirSync(dir)).sort()) {
    const file = path.join(dir, name, 'cdk.tf.json');
    if (!fsys.existsSync(file)) throw new Error(`${file} is missing: ${AGAIN}`);
    const text = readInputFile(file, { maxBytes: MAX_TERRAFORM_JSON_BYTES, what: 'Terraform JSON', fs: fsys });
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
    stacks[name] = checkedStack(file, parsed.value);
  }
  if (Object.keys(stacks).length === 0) throw new Error(`no stacks/*/cdk.tf.json under ${outdir}: ${AGAIN}`);
  return stacks;
}
