/**
 * What a stack's JSON takes from the library that renders the constructs (cdktf and
 * its prebuilt providers), so that what emit writes is, byte for byte, what that
 * library would: its version (in every stack's metadata and the manifest), each
 * provider's source and version (required_providers), and how its serializer lays
 * out an empty object or array. `npm run test:cdktn` puts CDK Terrain's in its place
 * (scripts/cdktn-emit-library.ts); a test holds these to what the installed packages render.
 */
export const LIBRARY = {
  version: '0.21.0',
  /** cdktf breaks an empty object or array over two lines; CDK Terrain writes `{}` / `[]`. */
  compactEmpty: false,
  providers: {
    aws: { source: 'aws', version: '6.25.0' },
    tfe: { source: 'hashicorp/tfe', version: '0.71.0' },
  },
} as const;

export type ProviderType = keyof typeof LIBRARY.providers;
