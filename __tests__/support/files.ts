/** A folder's files as text, and the differences between two such folders, each by its first differing line. */
import * as fs from 'fs';
import * as path from 'path';

/** Every file below `dir`, by its path relative to it ("/" separated). */
export function filesOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, filesOf(path.join(dir, e.name), rel));
    else out[rel] = fs.readFileSync(path.join(dir, e.name), 'utf8');
  }
  return out;
}

/** Files that differ, each with its first differing line: what a reviewer needs, not "changed". */
export function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  const out: string[] = [];
  for (const f of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[f] === b[f]) continue;
    if (a[f] === undefined || b[f] === undefined) {
      out.push(`${f}: only in ${a[f] === undefined ? 'the second' : 'the first'}`);
      continue;
    }
    const x = a[f].split('\n');
    const y = b[f].split('\n');
    const i = x.findIndex((l, k) => l !== y[k]);
    const at = i === -1 ? x.length : i;
    out.push(`${f}: line ${at + 1}: ${JSON.stringify(x[at])} / ${JSON.stringify(y[at])}`);
  }
  return out;
}
