#!/usr/bin/env node
/**
 * npm run synth | verify | handoff | diff: runs the compiled JavaScript in dist/, built
 * first when it is missing or older than the sources (a fingerprint of every
 * source file's size and mtime: a few milliseconds, where `tsc --build`'s own
 * up-to-date check loads the compiler first; BENCHMARKS.md has the numbers).
 * `build` always builds; `build --if-stale` only when a run would.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const FINGERPRINT = path.join(DIST, '.fingerprint');
const COMMANDS = {
  synth: ['main.js', 'main'],
  verify: ['modules/verify/cli.js', 'verifyCli', 'takes arguments'],
  handoff: ['modules/handoff/cli.js', 'handoffMain'],
  diff: ['modules/diff/cli.js', 'diffMain', 'takes arguments'],
  audit: ['modules/audit/cli.js', 'auditCli', 'takes arguments'],
};

function sources() {
  const out = ['main.ts', 'tsconfig.json', 'tsconfig.build.json'];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|js)$/.test(e.name)) out.push(rel);
    }
  };
  walk('modules');
  return out.sort();
}

function fingerprint() {
  return sources()
    .map((f) => {
      const s = fs.statSync(path.join(ROOT, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    })
    .join('\n');
}

function current(print) {
  try {
    return fs.readFileSync(FINGERPRINT, 'utf8') === print;
  } catch {
    return false;
  }
}

/** Builds into a fresh folder and swaps it in, so a concurrent run never reads half a build. */
function build(print) {
  process.stderr.write('building dist/ from the sources (npm run build)...\n');
  const staging = `${DIST}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', staging], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    process.stderr.write('the sources do not compile (above); nothing was run or written.\n');
    process.exit(1);
  }
  fs.writeFileSync(path.join(staging, '.fingerprint'), print);
  // Another run may swap its own build in between (tests build concurrently when dist/ is stale): retried.
  for (let attempt = 0; ; attempt++) {
    const aside = `${DIST}.aside-${process.pid}-${attempt}`;
    try {
      fs.renameSync(DIST, aside);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    try {
      fs.renameSync(staging, DIST);
      fs.rmSync(aside, { recursive: true, force: true });
      return;
    } catch (e) {
      fs.rmSync(aside, { recursive: true, force: true });
      if (!['ENOTEMPTY', 'EEXIST'].includes(e.code) || attempt >= 5) throw e;
    }
  }
}

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'build') {
    // `build --if-stale`: only when dist/ is missing or older than the sources (a test packing the library).
    if (rest.length > 1 || (rest.length === 1 && rest[0] !== '--if-stale')) {
      process.stderr.write('usage: node scripts/run.js build [--if-stale]\n');
      process.exit(2);
    }
    const print = fingerprint();
    if (rest[0] !== '--if-stale' || !current(print)) build(print);
    return;
  }
  const target = COMMANDS[command];
  if (!target || (rest.length > 0 && !target[2])) {
    process.stderr.write(`usage: node scripts/run.js ${Object.keys(COMMANDS).join('|')}|build\n`);
    process.exit(2);
  }
  const print = fingerprint();
  if (!current(print)) build(print);
  const entry = require(path.join(DIST, target[0]));
  Promise.resolve(target[2] ? entry[target[1]](rest) : entry[target[1]]()).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${command}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

main();
