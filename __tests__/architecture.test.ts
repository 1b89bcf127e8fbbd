/**
 * The allowed imports, pinned: the policy compiler, config, naming, plan,
 * verify and diff never load cdktf (diff's CLI hands it a synthesizer); verify
 * never loads the generator (modules/policy, modules/plan), so it cannot agree
 * with it by construction, nor the diff built on it; the app never loads
 * verify's engine; and no module imports itself back through another.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { ROOT } from './support/synth';

type Graph = Map<string, { files: string[]; packages: string[] }>;

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(f)) return f;
  return undefined;
}

function graphOf(entries: string[]): Graph {
  const graph: Graph = new Map();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/g)].map(
      (m) => m[1] ?? m[2],
    );
    const isType = (spec: string) =>
      new RegExp(`import type [^;]*'${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`).test(text);
    const node = { files: [] as string[], packages: [] as string[] };
    graph.set(file, node);
    for (const spec of specs) {
      if (isType(spec)) continue; // erased at compile time
      if (spec.startsWith('.')) {
        const f = resolve(file, spec);
        if (f) node.files.push(f);
      } else node.packages.push(spec);
    }
    node.files.forEach(visit);
  };
  entries.forEach(visit);
  return graph;
}

const tsFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? tsFiles(path.join(dir, e.name))
        : e.name.endsWith('.ts') && e.name !== 'cli.ts'
          ? [path.join(dir, e.name)]
          : [],
    );
const moduleFiles = (name: string) => tsFiles(path.join(ROOT, 'modules', name));
const rel = (f: string) => path.relative(ROOT, f);

/** Every file and package reachable from the entries. */
function reach(entries: string[]) {
  const g = graphOf(entries);
  return { files: [...g.keys()].map(rel), packages: [...new Set([...g.values()].flatMap((n) => n.packages))] };
}

const NODE_BUILTINS = new Set(builtinModules);

describe('imports', () => {
  test.each(['config', 'naming', 'policy', 'plan', 'share', 'verify', 'diff'])('modules/%s loads no cdktf', (name) => {
    const { packages } = reach(moduleFiles(name));
    expect(packages.filter((p) => p === 'cdktf' || p.startsWith('@cdktf/') || p === 'constructs')).toEqual([]);
  });

  test('verify loads neither the policy generator nor the plan, nor the diff', () => {
    const { files } = reach([...moduleFiles('verify'), path.join(ROOT, 'modules/verify/cli.ts')]);
    expect(
      files.filter(
        (f) => f.startsWith('modules/policy/') || f.startsWith('modules/plan/') || f.startsWith('modules/diff/'),
      ),
    ).toEqual([]);
  });

  test('the diff compares on verify alone: only its CLI loads the generator, to synthesize', () => {
    const { files } = reach(moduleFiles('diff'));
    expect(files.filter((f) => f.startsWith('modules/policy/') || f.startsWith('modules/plan/'))).toEqual([]);
  });

  test("the library's entry loads neither verify nor the CLI, nor any devDependency", () => {
    const { files, packages } = reach([path.join(ROOT, 'modules/library/index.ts')]);
    expect(files.filter((f) => /^modules\/(verify|diff|handoff|cli|output)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const runtime = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const root = (p: string) =>
      p
        .split('/')
        .slice(0, p.startsWith('@') ? 2 : 1)
        .join('/');
    expect(
      packages.map(root).filter((p) => !p.startsWith('node:') && !runtime.has(p) && !NODE_BUILTINS.has(p)),
    ).toEqual([]);
  });

  test("the app (main.ts) never loads verify's engine", () => {
    const { files, packages } = reach([path.join(ROOT, 'main.ts')]);
    expect(files.filter((f) => f.startsWith('modules/verify/'))).toEqual([]);
    expect(packages.filter((p) => p.startsWith('@cloud-copilot/'))).toEqual([]);
  });

  test('no import cycle between files', () => {
    const g = graphOf([path.join(ROOT, 'main.ts'), ...tsFiles(path.join(ROOT, 'modules'))]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const n of g.get(f)?.files ?? []) walk(n, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of g.keys()) walk(f, []);
    expect(cycles).toEqual([]);
  });
});
