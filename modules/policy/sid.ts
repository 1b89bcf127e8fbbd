/** Readable Sids: "ConsumerAnalyticsReadWrite", "ConsumersAnalyticsReportingRead", "Consumers12List", "AccountsKms". */
import type { Statement } from './statement';

/** "analytics-eu" -> "AnalyticsEu": for Sids, which allow letters and digits only. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical order of the words a Sid is made of. */
const PART_ORDER = ['Delegate', 'Assume', 'Read', 'Write', 'Packs', 'List', 'Location', 'Kms', 'ViaAccessPoint'];
const byPartOrder = (a: string, b: string) => {
  const [ia, ib] = [PART_ORDER.indexOf(a), PART_ORDER.indexOf(b)];
  return ia !== ib ? (ia === -1 ? 1 : ib === -1 ? -1 : ia - ib) : compare(a, b);
};

/** The Sid a statement is rendered with, before duplicates are numbered. */
export function sidOf(s: Pick<Statement, 'sid' | 'principal'>): string {
  if ('fixed' in s.sid) return s.sid.fixed;
  const what = [...s.sid.parts].sort(byPartOrder).join('');
  const { owners } = s.sid;
  if (owners.length === 0) return s.principal?.kind === 'accounts' ? `Accounts${what}` : what;
  if (owners.length === 1) return `Consumer${owners[0]}${what}`;
  if (owners.length <= 3) return `Consumers${owners.join('')}${what}`;
  return `Consumers${owners.length}${what}`;
}
