/**
 * A Mermaid diagram of who reaches the bucket and key, grouped by account (named,
 * and marked when not managed here), with the hops a request takes: through an
 * access point (in the account that owns it) or by assuming a producer role.
 * One node per consumer while an account has few, one node per account and level
 * once it has many; past MAX_ACCOUNTS consumer accounts the rest are left out with
 * a note (the summary table lists every consumer), so it stays readable at scale.
 * Per consumer, not per role: consumers sharing a role (one direct, one assuming
 * a producer role from it) would define one node twice, and Mermaid keeps the
 * last label, hiding a consumer and giving its path to the other.
 */
import type { Config } from '../config';
import { Cell, cellConsumers } from './matrix';

const nodeId = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
const MANY = 8;
const MAX_ACCOUNTS = 20;

type Consumer = Config['consumers'][number];

function accountLabel(config: Config, id: string, what: string): string {
  const a = config.accounts.find((x) => x.id === id);
  const named = a && a.name !== id ? ` (${a.name})` : '';
  return `${what} ${id}${named}${a && !a.managed ? ' — not managed here' : ''}`;
}

export function mermaid(config: Config, cells: Cell[]): string {
  const producer = config.producer.accountId;
  const passed = cells.filter((c) => c.actual && c.expected && !c.probe);
  // Looked up per cell: maps, so the diagram stays linear in cells and consumers.
  const consumersOf = new Map<string, Consumer[]>();
  const perLevel = new Map<string, number>();
  for (const c of config.consumers) {
    const list = consumersOf.get(c.accountId);
    if (list) list.push(c);
    else consumersOf.set(c.accountId, [c]);
    perLevel.set(`${c.accountId}/${c.access}`, (perLevel.get(`${c.accountId}/${c.access}`) ?? 0) + 1);
  }
  const accounts = [...consumersOf.keys()].sort();
  const shownAccounts = new Set(accounts.slice(0, MAX_ACCOUNTS));
  const grouped = (c: Consumer) => (consumersOf.get(c.accountId)?.length ?? 0) > MANY;
  const byName = new Map(config.consumers.map((c) => [c.name, c]));
  const nodeOf = (c: Consumer) =>
    grouped(c) ? nodeId(`acct_${c.accountId}_${c.access}`) : nodeId(`consumer_${c.name}`);

  // Hops: an access point lives in the account that owns it, a producer role in the producer's.
  const hopLines = new Map<string, Set<string>>();
  const hop = (account: string, line: string) => {
    if (!hopLines.has(account)) hopLines.set(account, new Set());
    hopLines.get(account)!.add(line);
  };
  const edges = new Map<string, Set<string>>();
  const hopsToBucket = new Set<string>();
  for (const cell of passed) {
    for (const name of cellConsumers(cell)) {
      const c = byName.get(name);
      if (!c || !shownAccounts.has(c.accountId)) continue;
      let to = 'bucket';
      let via = 'direct';
      if (cell.path === 'access-point') {
        via = 'access point';
        const owner = c.accessPoint?.accountId ?? producer;
        to = grouped(c) ? nodeId(`aps_${owner}_${nodeOf(c)}`) : nodeId(`ap_${c.name}`);
        hop(
          owner,
          grouped(c)
            ? `${to}[/"access points of ${c.access} consumers of ${c.accountId}"/]`
            : `${to}[/"access point ${cell.accessPoint ?? c.accessPoint?.name}"/]`,
        );
      } else if (cell.path === 'assumed') {
        via = 'assumed role';
        to = grouped(c) ? nodeId(`proles_${nodeOf(c)}`) : nodeId(`prole_${c.name}`);
        hop(
          producer,
          grouped(c)
            ? `${to}(["producer roles of ${c.access} consumers of ${c.accountId}"])`
            : `${to}(["role ${c.producerRoleName}"])`,
        );
      }
      if (to !== 'bucket') hopsToBucket.add(to);
      const k = `${nodeOf(c)}|${via}|${to}`;
      if (!edges.has(k)) edges.set(k, new Set());
      edges.get(k)!.add(cell.workflow);
    }
  }

  const out = ['flowchart LR'];
  const subgraph = (id: string, label: string, lines: string[]) =>
    out.push(`  subgraph ${id}["${label}"]`, ...lines.map((l) => `    ${l}`), '  end');
  const producerLines = [`bucket[("s3://${config.producer.bucket.name}")]`];
  if (config.producer.bucket.encryption.type === 'kms') producerLines.push('key{{"KMS key"}}');
  producerLines.push(...[...(hopLines.get(producer) ?? [])].sort());
  subgraph(`A${producer}`, accountLabel(config, producer, 'producer account'), producerLines);
  for (const account of accounts.filter((a) => shownAccounts.has(a))) {
    const cs = consumersOf.get(account)!;
    const lines = new Set<string>();
    for (const c of cs) {
      lines.add(
        grouped(c)
          ? `${nodeOf(c)}["${perLevel.get(`${account}/${c.access}`)} roles, ${c.access}"]`
          : `${nodeOf(c)}["${c.name}: role ${c.role.name}"]`,
      );
    }
    const own = account === producer;
    if (!own) for (const l of hopLines.get(account) ?? []) lines.add(l);
    subgraph(
      own ? `A${account}_consumers` : `A${account}`,
      own ? 'consumers in the producer account' : accountLabel(config, account, 'consumer account'),
      [...lines],
    );
  }
  if (accounts.length > shownAccounts.size) {
    out.push(
      `  more["${accounts.length - shownAccounts.size} more consumer accounts: see the summary table"]`,
      '  more -.-> bucket',
    );
  }
  for (const [k, workflows] of [...edges.entries()].sort()) {
    const [from, via, to] = k.split('|');
    const shown = [...workflows].sort();
    const label = shown.length > 6 ? `${shown.length} workflows` : shown.join(', ');
    out.push(`  ${from} -->|"${via}: ${label}"| ${to}`);
  }
  for (const h of [...hopsToBucket].sort()) out.push(`  ${h} --> bucket`);
  return out.join('\n');
}
