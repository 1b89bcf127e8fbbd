#!/usr/bin/env node
/**
 * The test files whose code can differ between cdktf and CDK Terrain: those whose imports reach cdktf, cdktn,
 * their AWS providers or constructs, or that start a process (which may run the app), followed through every
 * relative import, require() and import(). The others run the same code on both, so test:cdktn runs them once,
 * here. Prints one path per line (relative to the project); `--others` prints the rest.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '.');
const TESTS = path.join(ROOT, '__tests__');
// The packages the switch renames, and what can run them from outside this process.
const REACHES = /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/|child_process$|node:child_process$)/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return undefined;
}

const memo = new Map();
function reaches(file, stack = new Set()) {
  if (memo.has(file)) return memo.get(file);
  if (stack.has(file)) return false; // a cycle: decided by the files outside it
  stack.add(file);
  let found = false;
  for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
    if (spec.startsWith('.')) {
      const target = resolve(file, spec);
      // An import this walk cannot follow counts as reaching: a file is run once only when that is certain.
      if (!target || reaches(target, stack)) found = true;
    } else if (REACHES.test(spec)) found = true;
    if (found) break;
  }
  stack.delete(file);
  memo.set(file, found);
  return found;
}

const others = process.argv.includes('--others');
const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.test.ts')) files.push(p);
  }
};
walk(TESTS);
for (const f of files) if (reaches(f) !== others) console.log(path.relative(ROOT, f));
