/**
 * A Mermaid diagram of the diff: one node per principal, one edge per path to
 * the bucket, gained edges thick and green, lost edges dotted and red, what
 * stays the same thin and grey (only while the diagram stays small).
 */
import type { DiffResult } from '.';
import type { AccessFact } from './facts';
import { pathText, principalText } from './text';

/** Beyond this many principals, those without a change are left out. */
const CONTEXT = 12;
const SHOWN = 5;

const label = (workflows: string[]) =>
  workflows.length > SHOWN ? `${workflows.length} workflows` : [...new Set(workflows)].join(', ');

export function mermaid(r: DiffResult): string {
  const d = r.diff;
  const edges = new Map<
    string,
    { principal: string; path: string; gained: string[]; lost: string[]; kept: string[] }
  >();
  const edge = (f: AccessFact) => {
    const k = `${f.principal}|${f.path}`;
    let e = edges.get(k);
    if (!e) edges.set(k, (e = { principal: f.principal, path: f.path, gained: [], lost: [], kept: [] }));
    return e;
  };
  const gained = new Set(d.gained.map((f) => `${f.principal}|${f.path}|${f.workflow}|${f.target}`));
  for (const f of d.gained) edge(f).gained.push(f.workflow);
  for (const f of d.lost) edge(f).lost.push(f.workflow);
  const changed = new Set([...edges.values()].map((e) => e.principal));
  const context = new Set(r.current.facts.map((f) => f.principal)).size <= CONTEXT;
  for (const f of r.current.facts) {
    if (gained.has(`${f.principal}|${f.path}|${f.workflow}|${f.target}`)) continue;
    if (context || changed.has(f.principal)) edge(f).kept.push(f.workflow);
  }
  const out = ['flowchart LR', `  bucket[("${r.current.bucket.split(' ')[0]}")]`];
  const ids = new Map<string, string>();
  const sorted = [...edges.values()].sort((a, b) => (`${a.principal}|${a.path}` < `${b.principal}|${b.path}` ? -1 : 1));
  for (const e of sorted) {
    if (ids.has(e.principal)) continue;
    const id = `p${ids.size}`;
    ids.set(e.principal, id);
    const status = d.principals.appeared.includes(e.principal)
      ? ' (new)'
      : d.principals.disappeared.includes(e.principal)
        ? ' (gone)'
        : '';
    const consumers = [...new Set([...r.base.consumers, ...r.current.consumers])]
      .filter((c) => c.role === e.principal)
      .map((c) => c.name);
    out.push(
      `  ${id}["${principalText(e.principal)}${status}${consumers.length ? `<br/>${[...new Set(consumers)].sort().join(', ')}` : ''}"]`,
    );
  }
  const styles: string[] = [];
  let n = 0;
  for (const e of sorted) {
    const id = ids.get(e.principal)!;
    const via = pathText(e.path);
    if (e.gained.length) {
      out.push(`  ${id} ==>|"+ ${via}: ${label(e.gained)}"| bucket`);
      styles.push(`  linkStyle ${n++} stroke:#1a7f37,stroke-width:3px`);
    }
    if (e.lost.length) {
      out.push(`  ${id} -.->|"- ${via}: ${label(e.lost)}"| bucket`);
      styles.push(`  linkStyle ${n++} stroke:#cf222e,stroke-width:2px`);
    }
    if (e.kept.length) {
      out.push(`  ${id} -->|"${via}: ${new Set(e.kept).size} workflows unchanged"| bucket`);
      styles.push(`  linkStyle ${n++} stroke:#8c959f`);
    }
  }
  return [...out, ...styles].join('\n');
}
