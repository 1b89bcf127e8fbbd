/**
 * A strict JSON parser of our own: JSON.parse lets a duplicate key silently
 * win, drops nothing it should refuse and reports positions only as offsets.
 * This one allows `//` and `/* *\/` comments (the contract is written with
 * them), refuses duplicate keys and prototype keys with their field path,
 * refuses nesting deeper than `maxDepth`, and reports syntax errors with line
 * and column.
 */
import type { Problem } from './checks/problems';

export const MAX_DEPTH = 64;

/** Keys that would reach an object's prototype when copied by plain assignment. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

export interface ParseOptions {
  comments?: boolean;
  maxDepth?: number;
}

/** The value, and the key problems found (duplicates, prototype keys); syntax errors throw JsonSyntaxError. */
export function parseJson(text: string, options: ParseOptions = {}): { value: unknown; problems: Problem[] } {
  const parser = new Parser(text, options.comments ?? true, options.maxDepth ?? MAX_DEPTH);
  const value = parser.document();
  return { value, problems: parser.problems };
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function describe(c: string | undefined): string {
  if (c === undefined) return 'end of the file';
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `"${c}"`;
}

class Parser {
  pos = 0;
  readonly problems: Problem[] = [];

  constructor(
    private readonly text: string,
    private readonly comments: boolean,
    private readonly maxDepth: number,
  ) {}

  /** Where the parser is (keys and indexes): copied only into a problem. */
  private readonly path: (string | number)[] = [];

  document(): unknown {
    const value = this.value(0);
    this.skip();
    if (this.pos < this.text.length)
      this.fail(`unexpected ${describe(this.text[this.pos])} after the end of the JSON value`);
    return value;
  }

  private fail(reason: string, at = this.pos): never {
    const { line, column } = lineAndColumn(this.text, at);
    throw new JsonSyntaxError(reason, line, column);
  }

  private skip(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && this.comments && t[this.pos + 1] === '/') {
        const end = t.indexOf('\n', this.pos);
        this.pos = end === -1 ? t.length : end + 1;
      } else if (c === '/' && this.comments && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        if (end === -1) this.fail('unterminated /* comment');
        this.pos = end + 2;
      } else return;
    }
  }

  private value(depth: number): unknown {
    this.skip();
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === 123 || c === 91) {
      // { or [
      if (depth >= this.maxDepth) this.fail(`nested deeper than ${this.maxDepth} levels`);
      return c === 123 ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 34) return this.string(); // "
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(); // - or a digit
    if (t.startsWith('true', this.pos)) return this.word(4, true);
    if (t.startsWith('false', this.pos)) return this.word(5, false);
    if (t.startsWith('null', this.pos)) return this.word(4, null);
    return this.fail(`unexpected ${describe(t[this.pos])} where a value was expected`);
  }

  private word<T>(length: number, value: T): T {
    this.pos += length;
    return value;
  }

  private object(depth: number): Record<string, unknown> {
    const path = this.path;
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>(); // key -> where it first appeared
    this.pos++; // {
    this.skip();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skip();
      const at = this.pos;
      if (this.text[at] !== '"') this.fail(`expected a quoted key, found ${describe(this.text[at])}`);
      const key = this.string();
      this.skip();
      if (this.text[this.pos] !== ':') this.fail(`expected ":" after the key "${key}"`);
      this.pos++;
      path.push(key);
      const value = this.value(depth);
      path.pop();
      const first = seen.get(key);
      if (PROTOTYPE_KEYS.has(key)) {
        this.problems.push({
          path: [...path, key],
          message: `the key "${key}" is refused: it would reach the prototype of objects that copy it`,
        });
      } else if (first !== undefined) {
        const a = lineAndColumn(this.text, first);
        const b = lineAndColumn(this.text, at);
        this.problems.push({
          path: [...path, key],
          message: `duplicate key (line ${a.line}, column ${a.column} and line ${b.line}, column ${b.column}): one would silently override the other`,
        });
      } else {
        out[key] = value;
      }
      if (first === undefined) seen.set(key, at);
      this.skip();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return out;
      if (next !== ',') this.fail(`expected "," or "}" after a value, found ${describe(next)}`, this.pos - 1);
      this.skip();
      if (this.text[this.pos] === '}') this.fail('trailing comma before "}"');
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    const path = this.path;
    this.pos++; // [
    this.skip();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      path.push(out.length);
      out.push(this.value(depth));
      path.pop();
      this.skip();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return out;
      if (next !== ',') this.fail(`expected "," or "]" after a value, found ${describe(next)}`, this.pos - 1);
      this.skip();
      if (this.text[this.pos] === ']') this.fail('trailing comma before "]"');
    }
  }

  private string(): string {
    const t = this.text;
    let out = '';
    let from = ++this.pos; // after the opening quote
    for (;;) {
      const code = t.charCodeAt(this.pos);
      if (code === 34) {
        // "
        out += t.slice(from, this.pos++);
        return out;
      }
      if (Number.isNaN(code)) this.fail('unterminated string');
      if (code < 0x20) this.fail(`${describe(t[this.pos])} inside a string (write it as an escape such as \\n)`);
      if (code !== 92) {
        // not a backslash
        this.pos++;
        continue;
      }
      out += t.slice(from, this.pos);
      const e = t[this.pos + 1];
      if (e === 'u') {
        const unit = this.hex4(this.pos + 2);
        this.pos += 6;
        if (unit >= 0xd800 && unit <= 0xdbff && t[this.pos] === '\\' && t[this.pos + 1] === 'u') {
          const low = this.hex4(this.pos + 2);
          if (low >= 0xdc00 && low <= 0xdfff) {
            out += String.fromCharCode(unit, low);
            this.pos += 6;
            from = this.pos;
            continue;
          }
        }
        if (unit >= 0xd800 && unit <= 0xdfff)
          this.fail('a \\u escape of a lone UTF-16 surrogate is no character', this.pos - 6);
        out += String.fromCharCode(unit);
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        this.pos += 2;
      } else this.fail(`invalid escape "\\${e ?? ''}" in a string`);
      from = this.pos;
    }
  }

  private hex4(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail('a \\u escape needs 4 hex digits', at - 2);
    return parseInt(digits, 16);
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(`invalid number`);
    const n = Number(m[0]);
    if (!Number.isFinite(n)) this.fail('number out of range');
    this.pos += m[0].length;
    const after = this.text[this.pos];
    if (after !== undefined && /[0-9A-Za-z.+-]/.test(after)) this.fail(`invalid number`, this.pos - m[0].length);
    return n;
  }
}
