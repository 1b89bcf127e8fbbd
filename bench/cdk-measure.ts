/**
 * `node cdk-measure.js <assembly dir> <config.json>`: counts and sizes of an AWS CDK assembly the bench kept
 * (outside any timing), as one line `BENCH_RESULT {json}`. Imports aws-cdk-lib through cdk-side: excluded from
 * the root tsconfig.
 */
import * as fs from 'fs';
import { measureCdkAssembly } from './cdk-side';

const [dir, file] = process.argv.slice(2);
process.stdout.write(
  `BENCH_RESULT ${JSON.stringify(measureCdkAssembly(dir, JSON.parse(fs.readFileSync(file, 'utf8'))))}\n`,
);
