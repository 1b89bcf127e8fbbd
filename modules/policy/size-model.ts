/**
 * The size of a document, kept up to date as principals join and leave it,
 * without rendering it again: what a plan needs to place thousands of consumers
 * one at a time. Statements of one shape (merge.ts, phase two) are one rendered
 * statement whose length grows by each account root and pin it names; the rest
 * is fixed. The total is exact but for the numbers that make duplicate Sids
 * unique (a few characters, left to the final render to check).
 */
import { shapeOf } from './merge';
import { renderStatement } from './render';
import { sidOf } from './sid';
import { Statement } from './statement';
import { measureText } from './size';

const HEADER = '{"Version":"2012-10-17","Statement":['.length + ']}'.length;
const quoted = (s: string) => JSON.stringify(s).length;

class Counted {
  private readonly counts = new Map<string, number>();
  /** JSON length of the distinct values as a list ("x" alone, ["x","y"] for more). */
  private sum = 0;
  add(x: string, by: 1 | -1): void {
    const n = (this.counts.get(x) ?? 0) + by;
    if (n === 0) {
      this.counts.delete(x);
      this.sum -= quoted(x);
    } else {
      if (n === 1 && by === 1) this.sum += quoted(x);
      this.counts.set(x, n);
    }
  }
  get size(): number {
    return this.counts.size;
  }
  keys(): string[] {
    return [...this.counts.keys()];
  }
  /** Length of the rendered list. */
  get length(): number {
    return this.counts.size === 1 ? this.sum : 2 + this.sum + (this.counts.size - 1);
  }
}

interface Group {
  /** Rendered length with a one-character account, one-character pin and an empty Sid. */
  base: number;
  parts: Counted;
  owners: Counted;
  accounts: Counted;
  pins: Counted;
  members: number;
}

/** A contribution of one principal: its statements after phase one, each pinned to it alone. */
export type Contribution = readonly Statement[];

export class DocumentSizeModel {
  private readonly groups = new Map<string, Group>();
  private statements: number;
  private fixedLength: number;
  private groupsLength = 0;

  /** `fixed`: statements and extras that never merge with a pinned grant (denies, "*" grants, user statements). */
  constructor(fixedTexts: readonly string[]) {
    this.statements = fixedTexts.length;
    this.fixedLength = fixedTexts.reduce((n, t) => n + measureText(t, 'bytes'), 0);
  }

  private groupOf(s: Statement): [string, Group] {
    const key = shapeOf(s);
    let g = this.groups.get(key);
    if (!g) {
      const template = renderStatement(
        { ...s, sid: { owners: [], parts: [] }, principal: { kind: 'pinned', accounts: ['A'], arns: ['P'] } },
        '',
      );
      g = {
        base: Buffer.byteLength(JSON.stringify(template)) - 2 * quoted('A'),
        parts: new Counted(),
        owners: new Counted(),
        accounts: new Counted(),
        pins: new Counted(),
        members: 0,
      };
      this.groups.set(key, g);
    }
    return [key, g];
  }

  private lengthOf(g: Group): number {
    if (g.members === 0) return 0;
    const sid = sidOf({ sid: { owners: g.owners.keys().sort(), parts: g.parts.keys() }, principal: undefined });
    return g.base + g.accounts.length + g.pins.length + sid.length;
  }

  /** Adds (by 1) or removes (by -1) one principal's statements. */
  apply(contribution: Contribution, by: 1 | -1): void {
    for (const s of contribution) {
      if (s.principal?.kind !== 'pinned' || 'fixed' in s.sid) throw new Error('only pinned grants are modelled');
      const [key, g] = this.groupOf(s);
      this.groupsLength -= this.lengthOf(g);
      if (g.members > 0) this.statements -= 1;
      g.members += by;
      s.sid.parts.forEach((p) => g.parts.add(p, by));
      s.sid.owners.forEach((o) => g.owners.add(o, by));
      s.principal.accounts.forEach((a) => g.accounts.add(a, by));
      s.principal.arns.forEach((a) => g.pins.add(a, by));
      if (g.members > 0) this.statements += 1;
      else this.groups.delete(key);
      this.groupsLength += this.lengthOf(g);
    }
  }

  /** Bytes of the minified document. */
  get bytes(): number {
    return HEADER + this.fixedLength + this.groupsLength + Math.max(0, this.statements - 1);
  }
}
