/**
 * The library's construct props through the JSON app's gate: a string that
 * reaches Terraform from ConsumerSide or ProducerSide props (a bucket name, a
 * key ARN, a prefix) is held to the same rules as the config's strings (no
 * `${` or `%{` template, nothing Terraform's NFC normalization would change, no
 * invisible character) and to its field's rule. A cdktf reference (one whole
 * token, as `producer.bucketId`) is what it stands for and passes.
 */
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { bucketNameProblem, parseKeyArn, stringProblems } from '../config';
import { quoted } from '../io';

/** One string token of cdktf, whole: `${TfToken[TOKEN.12]}`. */
const ONE_TOKEN = /^\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}$/;

export type PropRule = (value: string) => string | null;

const PROP_RULES = {
  bucket: bucketNameProblem,
  keyArn: (v: string) => {
    const arn = parseKeyArn(v);
    return typeof arn === 'string' ? arn : null;
  },
  accountId: (v: string) => (/^\d{12}$/.test(v) ? null : 'an AWS account ID is exactly 12 digits'),
  prefix: (v: string) =>
    /^[A-Za-z0-9_-]*$/.test(v) ? null : 'a prefix of Terraform names is letters, digits, "_" and "-"',
} satisfies Record<string, PropRule>;

/** Throws, naming the construct and the prop, for each prop given that breaks the gate or its rule. */
export function gateProps(
  scope: Construct,
  props: Record<string, unknown>,
  rules: Partial<Record<keyof typeof PROP_RULES, boolean>>,
): void {
  const problems: string[] = [];
  for (const name of Object.keys(rules) as (keyof typeof PROP_RULES)[]) {
    const value = props[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      problems.push(`${name}: a string is expected, not ${typeof value}`);
      continue;
    }
    if (ONE_TOKEN.test(value) && Token.isUnresolved(value)) continue;
    const found = stringProblems(value, `the value ${quoted(value)}`);
    const rule = found.length === 0 ? PROP_RULES[name](value) : null;
    problems.push(...[...found, ...(rule ? [`${quoted(value)}: ${rule}`] : [])].map((p) => `${name}: ${p}`));
  }
  if (problems.length > 0)
    throw new Error(
      `${scope.node.path}: invalid props (the JSON app's config rules)\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
}
