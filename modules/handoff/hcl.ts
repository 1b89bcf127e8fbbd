/**
 * A small HCL writer for the Terraform this project generates: values, nested
 * blocks, and `terraform fmt` layout (two-space indents; "=" aligned across
 * runs of consecutive single-line attributes).
 */

/** A bare HCL expression, written as is (a reference, a function call). */
export class Expr {
  constructor(readonly text: string) {}
}

/** A function call on one value, e.g. jsonencode({...}). */
export class Call {
  constructor(
    readonly fn: string,
    readonly arg: Value,
  ) {}
}

export type Value = string | number | boolean | null | Expr | Call | Value[] | { [key: string]: Value };

export interface Block {
  type: string;
  labels: string[];
  body: BodyItem[];
}
export type BodyItem = { attr: string; value: Value } | { block: Block } | { blank: true };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** A `${...}` reference of cdktf's JSON: references are simple traversals, never nested braces. */
const REF = /\$\{([^}]+)\}/g;

function escapeLiteral(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/%\{/g, '%%{');
}

/** A string of cdktf JSON: a lone reference becomes a bare expression, never "${x}". */
export function stringValue(s: string): string {
  const whole = /^\$\{([^}]+)\}$/.exec(s);
  if (whole) return whole[1].trim();
  let out = '';
  let last = 0;
  for (const m of s.matchAll(REF)) {
    out += escapeLiteral(s.slice(last, m.index)) + `\${${m[1].trim()}}`;
    last = (m.index ?? 0) + m[0].length;
  }
  return `"${out + escapeLiteral(s.slice(last))}"`;
}

const key = (k: string) => (IDENT.test(k) ? k : stringValue(k));

/** Lines of a value; the first line continues the line it starts on. */
function valueLines(v: Value, indent: string): string[] {
  if (v instanceof Call) {
    const lines = valueLines(v.arg, indent);
    lines[0] = `${v.fn}(${lines[0]}`;
    lines[lines.length - 1] += ')';
    return lines;
  }
  if (v instanceof Expr) return v.text.split('\n').map((l, i) => (i === 0 ? l : indent + l));
  if (v === null) return ['null'];
  if (typeof v === 'string') return [stringValue(v)];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) {
    if (v.length === 0) return ['[]'];
    const simple = v.every((x) => typeof x !== 'object' || x === null || (x instanceof Expr && !x.text.includes('\n')));
    if (simple) return [`[${v.map((x) => valueLines(x, indent)[0]).join(', ')}]`];
    const inner = indent + '  ';
    const lines = ['['];
    for (const x of v) {
      const xs = valueLines(x, inner);
      lines.push(inner + xs[0], ...xs.slice(1));
      lines[lines.length - 1] += ',';
    }
    lines.push(`${indent}]`);
    return lines;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return ['{}'];
  return [
    '{',
    ...alignedBody(
      entries.map(([k, x]) => ({ attr: k, value: x })),
      indent + '  ',
    ),
    `${indent}}`,
  ];
}

/** Body lines with "=" aligned across each run of single-line attributes, as terraform fmt does. */
function alignedBody(items: BodyItem[], indent: string): string[] {
  const rendered: { lines: string[]; name?: string }[] = items.map((item) => {
    if ('blank' in item) return { lines: [''] };
    if ('block' in item) return { lines: blockLines(item.block, indent) };
    return { name: key(item.attr), lines: valueLines(item.value, indent) };
  });
  const out: string[] = [];
  for (let i = 0; i < rendered.length;) {
    const r = rendered[i];
    if (r.name === undefined) {
      out.push(...r.lines.map((l, j) => (j === 0 && l !== '' ? indent + l.trimStart() : l)));
      i++;
      continue;
    }
    // A run: consecutive single-line attributes. A multi-line one stands alone.
    let j = i;
    while (j < rendered.length && rendered[j].name !== undefined && rendered[j].lines.length === 1) j++;
    if (j === i) {
      out.push(`${indent}${r.name} = ${r.lines[0]}`, ...r.lines.slice(1));
      i++;
      continue;
    }
    const width = Math.max(...rendered.slice(i, j).map((x) => x.name!.length));
    for (const x of rendered.slice(i, j)) out.push(`${indent}${x.name!.padEnd(width)} = ${x.lines[0]}`);
    i = j;
  }
  return out;
}

function blockLines(b: Block, indent: string): string[] {
  const head = [b.type, ...b.labels.map((l) => `"${escapeLiteral(l)}"`)].join(' ');
  if (b.body.length === 0) return [`${indent}${head} {}`.trimStart()];
  return [`${head} {`, ...alignedBody(b.body, indent + '  '), `${indent}}`];
}

/** A whole file: top-level blocks separated by one blank line. */
export function renderFile(blocks: Block[]): string {
  return blocks.map((b) => blockLines(b, '').join('\n')).join('\n\n') + '\n';
}
