/** Test helpers: plan and synthesize a config in memory, and read the Terraform JSON back. */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Config, loadConfig, loadConfigs, parseConfig } from '../../modules/config';
import { computePlan, Plan } from '../../modules/plan';
import { KEY_ARN, Limits } from '../../modules/policy';
import { buildStacks } from '../../modules/stacks';

export const ROOT = path.join(__dirname, '..', '..');
/** Every config file of the project (the default and examples/*.json), as main reads them. */
export const EXAMPLE_FILES = [
  'cross-account.json',
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `examples/${f}`),
];

/**
 * Every one-bucket config of the examples: each file of the one-bucket form, and each bucket of a many-buckets
 * file as `<file>#<key>` (its own config, stacks named `<key>-<stack>`: docs/many-buckets.md).
 */
export const EXAMPLES = EXAMPLE_FILES.flatMap((file) => {
  const read = loadConfigs(path.join(ROOT, file));
  return read.kind === 'one' ? [file] : read.buckets.map((b) => `${file}#${b.key}`);
});

/** A config file, or one bucket of a many-buckets file (`<file>#<key>`). */
export function load(file: string): Config {
  const [name, key] = file.split('#');
  if (key === undefined) return loadConfig(path.join(ROOT, name));
  const read = loadConfigs(path.join(ROOT, name));
  const bucket = read.kind === 'many' ? read.buckets.find((b) => b.key === key) : undefined;
  if (!bucket) throw new Error(`${name} has no bucket ${key}`);
  return bucket.config;
}
export const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const asConfig = (config: Config | unknown): Config =>
  (config as Config).partition ? (config as Config) : parseConfig(config);

export interface Synthesized {
  plan: Plan;
  /** stack name -> the stack's Terraform JSON, as a string (what toHaveResource* read) and parsed */
  stacks: Record<string, { text: string; json: TfJson }>;
}
export type TfJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean; description?: string }>;
  provider?: { aws: Record<string, unknown>[] };
  terraform?: Record<string, unknown>;
};

/** As main does: the plan, then every stack. */
export function synth(config: Config | unknown, limits?: Limits): Synthesized {
  const plan = computePlan(asConfig(config), limits);
  const app = Testing.app();
  buildStacks(app, plan);
  const stacks: Synthesized['stacks'] = {};
  for (const stack of app.node.children) {
    const text = Testing.synth(stack as never);
    stacks[stack.node.id] = { text, json: JSON.parse(text) };
  }
  return { plan, stacks };
}

/** The plan's documents as plain JSON, a created key's ARN filled in with `key`. */
export function documentsOf(
  config: Config | unknown,
  key = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
) {
  const docs = computePlan(asConfig(config)).documents;
  return JSON.parse(JSON.stringify(docs).split(KEY_ARN).join(key)) as typeof docs;
}

export function onlyStack(s: Synthesized) {
  const names = Object.keys(s.stacks);
  if (names.length !== 1) throw new Error(`expected one stack, got ${names.join(', ')}`);
  return s.stacks[names[0]];
}

/** All resources of a type, by name. */
export function resources(json: TfJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** A policy attribute parsed back into a document. */
export function policyOf(json: TfJson, type: string, name: string, attribute = 'policy') {
  const r = resources(json, type)[name];
  if (!r) throw new Error(`no ${type}.${name}`);
  return JSON.parse(r[attribute] as string);
}

export type { App };
