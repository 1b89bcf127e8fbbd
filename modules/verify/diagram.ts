/**
 * A Mermaid diagram of who reaches the bucket and key, grouped by account: one
 * node per consumer while an account has few, one node per account and level
 * once it has many, so that it stays readable at a hundred consumers and more.
 * Per consumer, not per role: consumers sharing a role (one direct, one assuming
 * a producer role from it) would define one node twice, and Mermaid keeps the
 * last label, hiding a consumer and giving its path to the other.
 */
import type { Config } from '../config';
import { Cell, cellConsumers } from './matrix';

const nodeId = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
const MANY = 8;

export function mermaid(config: Config, cells: Cell[]): string {
  const producer = config.producer.accountId;
  const passed = cells.filter((c) => c.actual && c.expected && !c.probe);
  // Looked up per cell: maps, so the diagram stays linear in cells and consumers.
  const consumersOf = new Map<string, Config['consumers'][number][]>();
  const perLevel = new Map<string, number>();
  for (const c of config.consumers) {
    const list = consumersOf.get(c.accountId);
    if (list) list.push(c);
    else consumersOf.set(c.accountId, [c]);
    perLevel.set(`${c.accountId}/${c.access}`, (perLevel.get(`${c.accountId}/${c.access}`) ?? 0) + 1);
  }
  const nodes = new Map(
    config.consumers.map((c) => {
      const many = (consumersOf.get(c.accountId)?.length ?? 0) > MANY;
      return [c.name, many ? nodeId(`acct_${c.accountId}_${c.access}`) : nodeId(`consumer_${c.name}`)];
    }),
  );
  const nodeOf = (name: string) => nodes.get(name)!;
  const out = ['flowchart LR'];
  const subgraph = (id: string, label: string, lines: string[]) =>
    out.push(`  subgraph ${id}["${label}"]`, ...lines.map((l) => `    ${l}`), '  end');
  const producerLines = [`bucket[("s3://${config.producer.bucket.name}")]`];
  if (config.producer.bucket.encryption.type === 'kms') producerLines.push('key{{"KMS key"}}');
  subgraph(`A${producer}`, `producer account ${producer}`, producerLines);
  for (const [account, cs] of [...consumersOf.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lines = new Set<string>();
    for (const c of cs) {
      lines.add(
        cs.length > MANY
          ? `${nodeOf(c.name)}["${perLevel.get(`${account}/${c.access}`)} roles, ${c.access}"]`
          : `${nodeOf(c.name)}["${c.name}: role ${c.role.name}"]`,
      );
    }
    const own = account === producer;
    subgraph(
      own ? `A${account}_consumers` : `A${account}`,
      own ? `consumers in the producer account` : `consumer account ${account}`,
      [...lines],
    );
  }
  const edges = new Map<string, Set<string>>();
  for (const c of passed) {
    const via = c.path === 'access-point' ? 'access point' : c.path === 'assumed' ? 'assumed role' : 'direct';
    for (const consumer of cellConsumers(c)) {
      const k = `${nodeOf(consumer)}|${via}`;
      if (!edges.has(k)) edges.set(k, new Set());
      edges.get(k)!.add(c.workflow);
    }
  }
  for (const [k, workflows] of [...edges.entries()].sort()) {
    const [from, via] = k.split('|');
    const shown = [...workflows].sort();
    const label = shown.length > 6 ? `${shown.length} workflows` : shown.join(', ');
    out.push(`  ${from} -->|"${via}: ${label}"| bucket`);
  }
  return out.join('\n');
}
