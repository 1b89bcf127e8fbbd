/**
 * The floor, in plain Node: parse + stringify + write of the very bytes our synth wrote
 * (`node bench/floor.js <out dir> <cdk.tf.json>...`). Prints one JSON line: the time of each step
 * (summed over the files) and whether the bytes written equal the bytes read (cdktf writes
 * 2-space indented JSON with sorted keys, which JSON.stringify reproduces from the parsed value).
 */
const fs = require('fs');
const path = require('path');

const [outdir, ...inputs] = process.argv.slice(2);
const ms = (a, b) => Number(b - a) / 1e6;
const r = { bytes: 0, readMs: 0, parseMs: 0, stringifyMs: 0, writeMs: 0, floorMs: 0, sameBytes: true };
inputs.forEach((input, i) => {
  const t0 = process.hrtime.bigint();
  const text = fs.readFileSync(input, 'utf8');
  const t1 = process.hrtime.bigint();
  const value = JSON.parse(text);
  const t2 = process.hrtime.bigint();
  const out = JSON.stringify(value, null, 2);
  const t3 = process.hrtime.bigint();
  fs.writeFileSync(path.join(outdir, `floor-${i}.json`), out);
  const t4 = process.hrtime.bigint();
  r.bytes += Buffer.byteLength(text);
  r.readMs += ms(t0, t1);
  r.parseMs += ms(t1, t2);
  r.stringifyMs += ms(t2, t3);
  r.writeMs += ms(t3, t4);
  r.floorMs += ms(t1, t4);
  r.sameBytes = r.sameBytes && out === text;
});
process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`);
