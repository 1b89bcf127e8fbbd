/**
 * A share of a library app, as its manifest hands it to verify (the library's
 * `shareManifest(share)`): the grants as a config, read by the same rules as a
 * config file; the routes the plan chose; the ProducerSide's prefix; the paths
 * of the share's constructs, which scope the app's output to what they made.
 */
import * as fs from 'fs';
import { Config, parseConfig } from '../config';
import { fsStep } from '../io';
import type { Route } from './synthesized';

export interface VerifiedShare {
  config: Config;
  routes: Route[];
  prefix: string;
  constructs: string[];
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

export function readShareManifest(file: string, fsys: Pick<typeof fs, 'readFileSync'> = fs): VerifiedShare {
  const text = fsStep('read', file, () => String(fsys.readFileSync(file, 'utf8')));
  const bad = (why: string): never => {
    throw new Error(`${file} is not a share manifest (${why}): write it with shareManifest(share) after synth`);
  };
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return bad(`not JSON: ${(e as Error).message}`);
  }
  if (m?.tool !== 'cross-account-s3' || m.kind !== 'share')
    return bad('no "tool": "cross-account-s3", "kind": "share"');
  if (typeof m.prefix !== 'string') return bad('no prefix');
  if (!isStrings(m.constructs) || m.constructs.length === 0) return bad('no constructs');
  if (!Array.isArray(m.routes)) return bad('no routes');
  return {
    config: parseConfig(m.config, `${file} (the share's grants)`),
    routes: m.routes as Route[],
    prefix: m.prefix,
    constructs: m.constructs,
  };
}
