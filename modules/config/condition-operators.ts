/**
 * IAM's condition operators (IAM JSON policy elements: Condition operators), spelled as AWS documents them.
 * One grammar for the config's extra bucket statements (refused at synth) and verify's lint (refused in output).
 */
const OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];
const BY_LOWER = new Map(OPERATORS.map((o) => [o.toLowerCase(), o]));
const SET = /^(ForAllValues|ForAnyValue):/i;

/** Why `op` is no operator AWS accepts, saying what to write; undefined when it is one. */
export function conditionOperatorProblem(op: string): string | undefined {
  const set = SET.exec(op)?.[0] ?? '';
  const bare = op.slice(set.length);
  const ifExists = /IfExists$/i.test(bare) ? bare.slice(-'IfExists'.length) : '';
  const base = bare.slice(0, bare.length - ifExists.length);
  const known = BY_LOWER.get(base.toLowerCase());
  if (!known) return `"${op}" is no IAM condition operator`;
  if (known === 'Null' && ifExists)
    return `"${op}": Null takes no IfExists (Null itself tests whether the key exists): write "${set}Null"`;
  const spelled = `${set && (set.toLowerCase().startsWith('forall') ? 'ForAllValues:' : 'ForAnyValue:')}${known}${ifExists && 'IfExists'}`;
  return spelled === op ? undefined : `"${op}": write "${spelled}" (IAM spells its operators so)`;
}
