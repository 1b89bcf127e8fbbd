/**
 * cdktf's layout of a synthesized stack (json-stable-stringify with two spaces:
 * keys sorted, an empty object or array still broken over two lines), written
 * straight into a buffer. json-stable-stringify builds a string per nesting level
 * and joins them, which at scale held much of synth's peak memory;
 * this writes each value once, through a buffer of 1 MiB flushed as it fills.
 * A property test holds it to cdktf's own bytes. `compactEmpty`: an empty object or
 * array as `{}` / `[]`, the layout of CDK Terrain's serializer (the stack's own
 * serializer says which, see plan-stack.ts).
 */
import * as fs from 'fs';

const CHUNK = 1 << 20;
const INDENT = '  ';

/** What a value serializes as: undefined where JSON leaves it out (undefined, a function, a symbol). */
function prepared(value: unknown): unknown {
  const v =
    value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
}

class Writer {
  private buf = Buffer.allocUnsafe(CHUNK);
  private len = 0;
  private readonly newlines: string[] = [];

  constructor(
    private readonly flushTo: (bytes: Buffer) => void,
    private readonly compactEmpty = false,
  ) {}

  put(s: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.len + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) this.buf = Buffer.allocUnsafe(s.length * 3);
    }
    this.len += this.buf.write(s, this.len);
  }

  flush(): void {
    if (this.len > 0) this.flushTo(this.buf.subarray(0, this.len));
    this.len = 0;
  }

  /** A newline and the indent of `level`. */
  newline(level: number): string {
    return (this.newlines[level] ??= `\n${INDENT.repeat(level)}`);
  }

  /** A value already prepared (never undefined); `path` holds the containers above it. */
  value(v: unknown, level: number, path: Set<object>): void {
    if (v === null || typeof v !== 'object') {
      this.put(JSON.stringify(v));
      return;
    }
    if (path.has(v)) throw new TypeError('Converting circular structure to JSON');
    path.add(v);
    const inner = this.newline(level + 1);
    if (this.compactEmpty && isEmpty(v)) {
      this.put(Array.isArray(v) ? '[]' : '{}');
      path.delete(v);
      return;
    }
    if (Array.isArray(v)) {
      this.put('[');
      for (let i = 0; i < v.length; i++) {
        this.put(i === 0 ? inner : `,${inner}`);
        this.value(prepared(v[i]) ?? null, level + 1, path);
      }
    } else {
      this.put('{');
      let first = true;
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) {
        const item = prepared(record[key]);
        if (item === undefined) continue;
        this.put(`${first ? '' : ','}${inner}${JSON.stringify(key)}: `);
        first = false;
        this.value(item, level + 1, path);
      }
    }
    this.put(`${this.newline(level)}${Array.isArray(v) ? ']' : '}'}`);
    path.delete(v);
  }
}

/** An array of no item, or an object none of whose values JSON keeps. */
const isEmpty = (v: object): boolean =>
  Array.isArray(v) ? v.length === 0 : Object.values(v).every((x) => prepared(x) === undefined);

function write(value: unknown, flushTo: (bytes: Buffer) => void, compactEmpty = false): void {
  const w = new Writer(flushTo, compactEmpty);
  const v = prepared(value);
  if (v !== undefined) w.value(v, 0, new Set());
  w.flush();
}

/** `value` as cdktf writes a stack's JSON, as UTF-8 bytes. */
export function sortedJson(value: unknown): Buffer {
  const chunks: Buffer[] = [];
  write(value, (bytes) => chunks.push(Buffer.from(bytes)));
  return Buffer.concat(chunks);
}

/** Writes `value` to `file` as cdktf writes a stack's JSON, a chunk at a time. */
export function writeSortedJson(file: string, value: unknown, compactEmpty = false): void {
  const fd = fs.openSync(file, 'w');
  try {
    write(
      value,
      (bytes) => {
        for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off);
      },
      compactEmpty,
    );
  } finally {
    fs.closeSync(fd);
  }
}
