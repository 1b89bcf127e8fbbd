/** The marker file that makes an output folder ours: only a folder carrying it (or empty, or absent) is replaced. */
import * as path from 'path';
import { readInputFile } from '../io';
import type { OutputFs } from './fs';

export const MARKER = '.cross-account-s3.json';
const TOOL = 'cross-account-s3';
export type OutputKind = 'synth' | 'handoff';

export function markerText(kind: OutputKind): string {
  return `${JSON.stringify({ tool: TOOL, kind })}\n`;
}

/** The kind recorded in a folder's marker; undefined when there is none or it is not ours. */
export function markedKind(dir: string, fsys: OutputFs): OutputKind | undefined {
  const file = path.join(dir, MARKER);
  if (!fsys.existsSync(file)) return undefined;
  try {
    // Strictly: a FIFO or a link to /dev/zero named like the marker must not hang or fill memory.
    const m = JSON.parse(readInputFile(file, { maxBytes: 4096, what: 'a marker', fs: fsys })) as {
      tool?: unknown;
      kind?: unknown;
    } | null;
    return m?.tool === TOOL && (m.kind === 'synth' || m.kind === 'handoff') ? m.kind : undefined;
  } catch {
    return undefined;
  }
}
