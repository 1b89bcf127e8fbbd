export * from './types';
export { deletes, PACK_NAMES, PACKS, packFits } from './packs';
export { ACCESS_LEVELS, ACCESS_LEVEL_NAMES, EVERY_LEVEL, holds, reads, writes } from './levels';
export {
  ConfigError,
  configFileFromEnv,
  DEFAULT_CONFIG_FILE,
  formatPath,
  loadConfig,
  loadConfigLenient,
  parseConfig,
  parseConfigLenient,
} from './load';
export { parseArn, parseRoleArn, parseKeyArn } from './arn';
export { REGIONS, isRegion, partitionOf, dnsSuffix } from './regions';
export type { Partition } from './regions';
export type { Problem } from './checks';
export { configHash } from './hash';
export { folderOf } from './rules';
export { ReadFs } from './read';
export { JsonSyntaxError } from './json-parser';
export { parseJson } from './json-parser';
export { configFromBytes } from './read';
export { gate } from './gate';
export { stringProblems } from './gate';
export { bucketNameProblem } from './rules';
export { conditionOperatorProblem } from './condition-operators';
export { BUCKET_KEY, bucketStackName, isManyBuckets, loadConfigs, parseBuckets } from './buckets';
export type { BucketConfig, Configs } from './buckets';
export { readConfigFile } from './read';
export { ACCESS_GRANTS_LIMITS, GRANT_PERMISSION, grantsOf } from './access-grants';
