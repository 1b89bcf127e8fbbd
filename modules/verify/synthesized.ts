/**
 * What synth wrote, read back: plan.json (the config it came from, and the
 * routes the plan chose) beside the Terraform JSON. Output of another or a
 * changed config is refused: verifying it against this config would report
 * differences that are not there, or miss ones that are.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Config, configHash } from '../config';
import { MAX_PLAN_JSON_BYTES, readInputFile, type ReadFs } from '../io';
import { PLAN_FILE, type PlanFile } from '../contract';
import { checkRoutes, planShape } from './plan-file';

export type { PlanFile, Route } from '../contract';

export class StaleOutputError extends Error {}

export function readPlan(
  outdir: string,
  config: Config,
  configFile: string,
  fsys: Pick<typeof fs, 'existsSync'> & ReadFs = fs,
): PlanFile {
  const file = path.join(outdir, PLAN_FILE);
  if (!fsys.existsSync(file)) {
    throw new StaleOutputError(
      `${file} does not exist: run \`npm run synth\` first (with the same CROSS_ACCOUNT_CONFIG)`,
    );
  }
  const text = readInputFile(file, { maxBytes: MAX_PLAN_JSON_BYTES, what: 'plan.json', fs: fsys });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StaleOutputError(`${file} is not valid JSON (${(e as Error).message}): run \`npm run synth\` again`, {
      cause: e,
    });
  }
  const plan = planShape(file, raw);
  if (plan.configHash !== configHash(config)) {
    const which =
      path.resolve(plan.configFile) === path.resolve(configFile)
        ? `${configFile} has changed since`
        : `it was synthesized from ${plan.configFile}, not ${configFile}`;
    throw new StaleOutputError(`${outdir} is not the output of this config: ${which}. Run \`npm run synth\` first.`);
  }
  return checkRoutes(file, plan, config);
}
