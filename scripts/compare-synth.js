// Compares two cdktf.out folders stack by stack, ignoring cdktf's "//" metadata; prints each difference.
const fs = require('fs');
const path = require('path');
const [a, b] = process.argv.slice(2);
const strip = (v) =>
  Array.isArray(v)
    ? v.map(strip)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== '//')
            .map(([k, x]) => [k, strip(x)]),
        )
      : v;
const load = (dir, stack) => strip(JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8')));
const diffs = [];
const walk = (x, y, at) => {
  if (JSON.stringify(x) === JSON.stringify(y)) return;
  if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x)) {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], `${at}.${k}`);
  } else diffs.push(`${at}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
};
const stacks = (d) => fs.readdirSync(path.join(d, 'stacks')).sort();
walk(stacks(a), stacks(b), 'stacks');
for (const s of stacks(a).filter((s) => stacks(b).includes(s))) walk(load(a, s), load(b, s), s);
for (const d of diffs) console.log(`  ${path.basename(a)}: ${d}`);
process.exit(diffs.length ? 1 : 0);
