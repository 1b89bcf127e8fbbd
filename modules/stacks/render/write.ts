/**
 * Emitted stacks written as cdktf's App writes a synthesis: each stack's JSON in
 * stacks/<name>/cdk.tf.json, and manifest.json (what the cdktf CLI reads to find
 * and order them), in the library's layout (sorted keys, its way with empties).
 */
import * as path from 'path';
import { EmittedStack, layoutText, LIBRARY } from '../../emit';
import { fsStep } from '../../io';
import type { OutputFs } from '../../output';

export function writeEmitted(outdir: string, stacks: readonly EmittedStack[], fsys: OutputFs): void {
  fsStep('create', outdir, () => fsys.mkdirSync(outdir, { recursive: true }));
  const manifest: Record<string, unknown> = {};
  for (const s of [...stacks].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // The manifest's paths are relative, with "/" as cdktf writes them on Linux and macOS.
    const folder = path.posix.join('stacks', s.name);
    const dir = path.join(outdir, 'stacks', s.name);
    fsStep('create', dir, () => fsys.mkdirSync(dir, { recursive: true }));
    const file = path.join(dir, 'cdk.tf.json');
    const text = layoutText(s.json, LIBRARY.compactEmpty);
    // A failed write (a full disk) names the file, as every write of synth does.
    fsStep('write', file, () => fsys.writeFileSync(file, text));
    // Keys in sorted order, as layoutText needs them.
    manifest[s.name] = {
      annotations: [],
      constructPath: s.name,
      dependencies: s.dependencies,
      name: s.name,
      stackMetadataPath: `${folder}/metadata.json`,
      synthesizedStackPath: `${folder}/cdk.tf.json`,
      workingDirectory: folder,
    };
  }
  const file = path.join(outdir, 'manifest.json');
  const text = layoutText({ stacks: manifest, version: LIBRARY.version }, LIBRARY.compactEmpty);
  fsStep('write', file, () => fsys.writeFileSync(file, text));
}
