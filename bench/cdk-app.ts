/**
 * The AWS CDK side as its own process, what `cdk synth` runs (cdk.json "app"):
 * `ts-node --swc bench/cdk-app.ts <config.json> <outdir>`. CDK_VALIDATION=false turns off
 * aws-cdk-lib's built-in CloudFormation validation. Imports aws-cdk-lib: excluded from the root tsconfig.
 */
import * as fs from 'fs';
import { synthCdkApp } from './cdk-side';

const [file, outdir] = process.argv.slice(2);
synthCdkApp(JSON.parse(fs.readFileSync(file, 'utf8')), outdir);
