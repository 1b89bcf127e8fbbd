/**
 * Two libraries load, when they load, modules a synth never uses: cdktf its zip
 * library (`archiver`, for TerraformAsset folders, which nothing here creates),
 * and zod every translation of its messages (`locales`, 64 files; English, the
 * one used, is loaded on its own): about a third of a small synth's start-up when
 * measured. Imported first by the commands that load them, this hands those
 * two requires a stand-in that loads the real module on first use, so an asset
 * would still be zipped and a locale still found. Nothing else is affected.
 */
import Module from 'module';
import * as path from 'path';

type Load = (request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown;

/** Which require, from which file (matched by the end of its path), and what the module is. */
const LAZY: { from: string; request: string; kind: 'function' | 'esModule' }[] = [
  { from: path.join('lib', 'private', 'fs.js'), request: 'archiver', kind: 'function' },
  { from: path.join('zod', 'v4', 'core', 'index.cjs'), request: '../locales/index.cjs', kind: 'esModule' },
  { from: path.join('zod', 'v4', 'classic', 'external.cjs'), request: '../locales/index.cjs', kind: 'esModule' },
];

/** A stand-in for a module: any use loads it, through `load`, and forwards to it. */
function standIn(kind: 'function' | 'esModule', load: () => object): object {
  let real: object | undefined;
  const module = () => (real ??= load());
  // An ES module's marker is answered without loading: importers ask it at once.
  const esModule = (key: string | symbol) => kind === 'esModule' && key === '__esModule' && real === undefined;
  // An arrow function as the target: callable, and without own keys a stand-in could not mirror.
  return new Proxy(kind === 'function' ? () => undefined : {}, {
    apply: (_target, thisArg, args) => Reflect.apply(module() as (...a: unknown[]) => unknown, thisArg, args),
    get: (_target, key) => (esModule(key) ? true : Reflect.get(module(), key)),
    has: (_target, key) => esModule(key) || Reflect.has(module(), key),
    ownKeys: () => Reflect.ownKeys(module()),
    getOwnPropertyDescriptor: (_target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(module(), key);
      return d && { ...d, configurable: true };
    },
  });
}

const internals = Module as unknown as { _load: Load; __crossAccountLazy?: true };
if (!internals.__crossAccountLazy) {
  internals.__crossAccountLazy = true;
  const load = internals._load;
  internals._load = function (request, parent, isMain) {
    const lazy = parent && LAZY.find((l) => l.request === request && parent.filename.endsWith(l.from));
    if (!lazy) return load.call(this, request, parent, isMain);
    return standIn(lazy.kind, () => load.call(this, request, parent, isMain) as object);
  };
}
