/** The verify engine's speed-ups change no answer: the replaced helpers agree with the engine's own. */
import { engineUtils, originalHelpers, resourceTypes, speedUpEngine } from '../modules/verify/engine/speed';

speedUpEngine();

const OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericLessThanEquals',
  'DateGreaterThan',
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
const NAMES = OPERATORS.flatMap((o) => [
  o,
  `${o}IfExists`,
  `ForAnyValue:${o}`,
  `ForAllValues:${o}IfExists`,
  o.toLowerCase(),
  o.toUpperCase(),
  `${o}ifexists`,
  `${o}Ïfexists`,
]);

test('operator names compare as the engine compares them', () => {
  const utils = engineUtils();
  const original = originalHelpers()!;
  for (const name of NAMES) {
    for (const other of ['IfExists', 'ForAnyValue', 'ForAllValues', name, name.toLowerCase(), 'ÏfExists']) {
      expect([name, other, utils.caseInsensitiveEquals(name, other)]).toEqual([
        name,
        other,
        original.equals(name, other),
      ]);
      expect([name, other, utils.caseInsensitiveEndsWith(name, other)]).toEqual([
        name,
        other,
        original.endsWith(name, other),
      ]);
    }
  }
});

test('resource types match as the engine matches them, and callers get their own arrays', () => {
  const types = resourceTypes();
  const original = originalHelpers()!.types;
  const patterns = [
    'arn:${Partition}:s3:::${BucketName}',
    'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
    'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}',
    'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}',
  ];
  const resources = [
    'arn:aws:s3:::b',
    'arn:aws:s3:::b/k',
    'arn:aws:s3:::b/a/b/c',
    'arn:aws:s3:eu-west-1:111111111111:accesspoint/ap',
    'arn:aws:s3:eu-west-1:111111111111:accesspoint/ap/object/k',
    '*',
    'arn:aws:s3:::b/*',
  ];
  for (const r of resources) {
    for (const p of patterns)
      expect([r, p, types.resourceStringMatchesResourceTypePattern(r, p)]).toEqual([
        r,
        p,
        original.resourceStringMatchesResourceTypePattern(r, p),
      ]);
    const a = types.mostSpecificMatchingResourceTypePatterns(r, patterns);
    expect(a).toEqual(original.mostSpecificMatchingResourceTypePatterns(r, patterns));
    a.push('changed');
    expect(types.mostSpecificMatchingResourceTypePatterns(r, patterns)).toEqual(
      original.mostSpecificMatchingResourceTypePatterns(r, patterns),
    );
  }
});
