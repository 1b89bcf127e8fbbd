/** A config's identity: a hash of its normalized form (comments, layout and key order do not count). */
import { createHash } from 'crypto';
import type { Config } from './types';

export function configHash(config: Config): string {
  const { warnings: _warnings, ...rest } = config;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}
