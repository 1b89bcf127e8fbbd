/**
 * Evaluates the literal HCL inside `jsonencode(...)` (objects, tuples, strings,
 * numbers, bools, null, bare references) into JSON, with references kept as
 * "${ref}" the way cdk.tf.json writes them. Written for the test, independently
 * of the handoff writer, so that a writer bug is not undone by its own inverse.
 */
export function evalHclLiteral(src: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < src.length && /[\s,]/.test(src[i])) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`HCL literal: ${what} at ${i}: ${src.slice(i, i + 40)}`);
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    while (src[i] !== '"') {
      if (i >= src.length) fail('unterminated string');
      if (src[i] === '\\') {
        const c = src[i + 1];
        out += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
        i += 2;
      } else if (src.startsWith('$${', i) || src.startsWith('%%{', i)) {
        out += src[i] + '{';
        i += 3;
      } else if (src.startsWith('${', i)) {
        const end = src.indexOf('}', i);
        out += src.slice(i, end + 1);
        i = end + 1;
      } else out += src[i++];
    }
    i++;
    return out;
  };
  const value = (): unknown => {
    ws();
    const c = src[i];
    if (c === '"') return str();
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      for (;;) {
        ws();
        if (src[i] === '}') {
          i++;
          return obj;
        }
        const k = src[i] === '"' ? str() : (/^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))?.[0] ?? fail('key'));
        if (src[i - 1] !== '"') i += k.length;
        ws();
        if (src[i] !== '=') fail('"="');
        i++;
        obj[k] = value();
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      for (;;) {
        ws();
        if (src[i] === ']') {
          i++;
          return arr;
        }
        arr.push(value());
      }
    }
    const m = /^(true|false|null|-?\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_.\-[\]"]*)/.exec(src.slice(i)) ?? fail('value');
    i += m[0].length;
    const t = m[0];
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (/^-?\d/.test(t)) return Number(t);
    return `\${${t}}`;
  };
  const v = value();
  ws();
  if (i !== src.length) fail('trailing input');
  return v;
}
