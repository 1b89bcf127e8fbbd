/** One line per stack: each kind of policy document, its largest size and share of its limit. */
import type { Config } from '../config';
import { consumerStack, PRODUCER_STACK, SINGLE_STACK } from '../naming';
import { DocumentKind, DocumentSize, formatSize, Plan } from '../policy';
import { consumerGroups } from './groups';

const LABEL: Record<DocumentKind, string> = {
  bucket: 'bucket policy',
  key: 'key policy',
  'access-point': 'largest access point policy',
  trust: 'largest trust policy',
  'role-inline': 'largest role inline policies',
};
const ORDER: DocumentKind[] = ['bucket', 'key', 'access-point', 'trust', 'role-inline'];

export function sizeSummary(config: Config, plan: Plan): string[] {
  const stackOf = new Map<string, string>();
  if (config.stacks === 'per-account')
    for (const g of consumerGroups(plan.config)) stackOf.set(g.accountId, consumerStack(g.name));
  const producerStack = config.stacks === 'per-account' ? PRODUCER_STACK : SINGLE_STACK;
  stackOf.set(config.producer.accountId, producerStack);
  const byStack = new Map<string, DocumentSize[]>();
  for (const s of plan.sizes) {
    const stack = config.stacks === 'per-account' ? (stackOf.get(s.account) ?? producerStack) : SINGLE_STACK;
    byStack.set(stack, [...(byStack.get(stack) ?? []), s]);
  }
  const lines = [...byStack.entries()]
    .sort(([a], [b]) => (a === producerStack ? -1 : b === producerStack ? 1 : a < b ? -1 : 1))
    .map(([stack, sizes]) => {
      const parts = ORDER.flatMap((kind) => {
        const of = sizes.filter((s) => s.kind === kind);
        if (of.length === 0) return [];
        const largest = of.reduce((a, b) => (b.size / b.limit > a.size / a.limit ? b : a));
        return [`${LABEL[kind]} ${formatSize(largest)}`];
      });
      return `${stack}: ${parts.join('; ')}`;
    });
  for (const note of plan.notes) lines.push(`overflow: ${note}`);
  return lines;
}
