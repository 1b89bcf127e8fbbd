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

/** What is wrong with `op` and what to write; `awsRejects` when AWS refuses the policy (not for a case slip). */
export interface OperatorProblem {
  message: string;
  awsRejects: boolean;
}

/** Why `op` is no operator as AWS documents it, saying what to write; undefined when it is one. */
export function conditionOperatorProblem(op: string): OperatorProblem | undefined {
  const set = SET.exec(op)?.[0] ?? '';
  const bare = op.slice(set.length);
  const ifExists = /IfExists$/i.test(bare) ? bare.slice(-'IfExists'.length) : '';
  const base = bare.slice(0, bare.length - ifExists.length);
  const known = BY_LOWER.get(base.toLowerCase());
  if (!known) return { message: `"${op}" is no IAM condition operator`, awsRejects: true };
  const prefix = set && (set.toLowerCase().startsWith('forall') ? 'ForAllValues:' : 'ForAnyValue:');
  if (known === 'Null' && ifExists)
    return {
      message: `"${op}": Null takes no IfExists (Null itself tests whether the key exists): write "${prefix}Null"`,
      awsRejects: true,
    };
  const spelled = `${prefix}${known}${ifExists && 'IfExists'}`;
  return spelled === op
    ? undefined
    : {
        message: `"${op}": write "${spelled}", as AWS documents it (verify checks the documented spelling)`,
        awsRejects: false,
      };
}
