export * from './types';
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
