/** One line per stack, read from the plan: each kind of policy document, its largest size and share of its limit. */
import type { Plan } from '../plan';
import { DocumentSize, formatSize, SizedKind } from '../policy';

const LABEL: Record<SizedKind, string> = {
  bucket: 'bucket policy',
  key: 'key policy',
  'access-point': 'largest access point policy',
  trust: 'largest trust policy',
  'role-inline': 'largest role inline policies',
};
const ORDER: SizedKind[] = ['bucket', 'key', 'access-point', 'trust', 'role-inline'];

export function sizeSummary(plan: Plan): string[] {
  const producerStack = plan.stacks.find((s) => s.producer)!.name;
  const consumerStackOf = new Map<string, string>();
  for (const s of plan.stacks)
    for (const side of s.consumerSides) consumerStackOf.set(side.provider.account.id, s.name);
  // Per stack and kind, the largest document relative to its limit: one pass over the sizes.
  const largest = new Map<string, Map<SizedKind, DocumentSize>>();
  for (const d of plan.sizes) {
    // Documents of accounts not managed here are applied by their owners: they still count, under the producer.
    const stack = d.side === 'producer' ? producerStack : (consumerStackOf.get(d.account) ?? producerStack);
    const byKind = largest.get(stack) ?? new Map<SizedKind, DocumentSize>();
    const current = byKind.get(d.kind);
    if (!current || d.size / d.limit > current.size / current.limit) byKind.set(d.kind, d);
    largest.set(stack, byKind);
  }
  const lines = plan.stacks
    .filter((s) => largest.has(s.name))
    .map((s) => {
      const byKind = largest.get(s.name)!;
      const parts = ORDER.filter((k) => byKind.has(k)).map((k) => `${LABEL[k]} ${formatSize(byKind.get(k)!)}`);
      return `${s.name}: ${parts.join('; ')}`;
    });
  for (const note of plan.notes) lines.push(`plan: ${note}`);
  return lines;
}
