/** One grammar of IAM's condition operators, for the config's extra statements and verify's lint. */
import { conditionOperatorProblem } from '../modules/config';

test.each([
  'StringEquals',
  'StringNotEqualsIgnoreCase',
  'ArnLikeIfExists',
  'ForAnyValue:StringLike',
  'ForAllValues:StringEqualsIfExists',
  'Null',
  'ForAnyValue:Null',
  'IpAddress',
  'NumericGreaterThanEqualsIfExists',
])('%s is an operator', (op) => expect(conditionOperatorProblem(op)).toBeUndefined());

test.each([
  ['StringEqualz', '"StringEqualz" is no IAM condition operator'],
  ['IfExists', '"IfExists" is no IAM condition operator'],
  ['', '"" is no IAM condition operator'],
  ['ForSomeValues:StringEquals', '"ForSomeValues:StringEquals" is no IAM condition operator'],
  ['NullIfExists', '"NullIfExists": Null takes no IfExists (Null itself tests whether the key exists): write "Null"'],
  [
    'ForAnyValue:NullIfExists',
    '"ForAnyValue:NullIfExists": Null takes no IfExists (Null itself tests whether the key exists): write "ForAnyValue:Null"',
  ],
  ['stringequals', '"stringequals": write "StringEquals", as AWS documents it (verify checks the documented spelling)'],
  [
    'forallvalues:ArnLikeifexists',
    '"forallvalues:ArnLikeifexists": write "ForAllValues:ArnLikeIfExists", as AWS documents it (verify checks the documented spelling)',
  ],
])('%s is refused, saying what to write', (op, message) =>
  expect(conditionOperatorProblem(op)).toEqual({ message, awsRejects: !message.includes('as AWS documents it') }),
);
