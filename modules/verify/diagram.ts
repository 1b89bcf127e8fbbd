/**
 * A Mermaid diagram of who reaches the bucket and key, grouped by account: one
 * node per role while an account has few, one node per account and level once
 * it has many, so that it stays readable at a hundred consumers and more.
 */
import type { Config } from '../config';
import type { Cell } from './matrix';

const nodeId = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
const MANY = 8;

export function mermaid(config: Config, cells: Cell[]): string {
  const producer = config.producer.accountId;
  const passed = cells.filter((c) => c.actual && c.expected && !c.probe && c.consumer);
  const consumersOf = new Map<string, typeof config.consumers>();
  for (const c of config.consumers) consumersOf.set(c.accountId, [...(consumersOf.get(c.accountId) ?? []), c]);
  const nodeOf = (name: string) => {
    const c = config.consumers.find((x) => x.name === name)!;
    const many = (consumersOf.get(c.accountId)?.length ?? 0) > MANY;
    return many ? nodeId(`acct_${c.accountId}_${c.access}`) : nodeId(`role_${c.accountId}_${c.role.name}`);
  };
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
          ? `${nodeOf(c.name)}["${cs.filter((x) => x.access === c.access).length} roles, ${c.access}"]`
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
    const k = `${nodeOf(c.consumer!)}|${via}`;
    if (!edges.has(k)) edges.set(k, new Set());
    edges.get(k)!.add(c.workflow);
  }
  for (const [k, workflows] of [...edges.entries()].sort()) {
    const [from, via] = k.split('|');
    const shown = [...workflows].sort();
    const label = shown.length > 6 ? `${shown.length} workflows` : shown.join(', ');
    out.push(`  ${from} -->|"${via}: ${label}"| bucket`);
  }
  return out.join('\n');
}
