/**
 * What `npm run verify -- --share <file>` needs to prove one share of a library
 * app: the grants as a config (read back by the same rules), the routes the plan
 * chose, the ProducerSide's prefix (its outputs' names start with it), and the
 * paths of the share's constructs (verify reads only what they made, not the
 * app's own resources). Written by the app beside its synth; verify lives in the
 * repository, not in the package (its policy engine is a devDependency).
 */
import type { Route } from '../plan';
import { consumerSidesOf } from '../constructs';
import { ProducerSide } from '../producer';
import type { BucketShare } from '../share';

export interface ShareManifest {
  tool: 'cross-account-s3';
  kind: 'share';
  prefix: string;
  constructs: string[];
  config: Record<string, unknown>;
  routes: Route[];
}

/** The manifest of a share whose constructs exist (after the ProducerSide and every ConsumerSide), as JSON text. */
export function shareManifest(share: BucketShare): string {
  const producer = ProducerSide.of(share);
  if (!producer) throw new Error('shareManifest: the share has no ProducerSide yet: create its constructs first');
  const config = share.configInput;
  if (!config) throw new Error('shareManifest: a share made from a config file: verify that file instead');
  const manifest: ShareManifest = {
    tool: 'cross-account-s3',
    kind: 'share',
    prefix: producer.prefix,
    constructs: [producer, ...consumerSidesOf(share)].map((c) => c.node.path),
    config,
    routes: share.plan.routes,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
