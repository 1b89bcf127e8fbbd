/**
 * zod loads, when it loads, every translation of its messages (`locales`, 64
 * files) though a command uses English only, which it loads on its own: a good
 * part of a small synth's start-up. Imported first by the commands, this hands
 * those requires a stand-in that loads the real module on first use, so a locale
 * is still found. Nothing else is affected; its test fails if a zod release moves them.
 */
import Module from 'module';
import * as path from 'path';

type Load = (request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown;

/** Which require (an ES module compiled to CommonJS), from which file (matched by the end of its path). */
const LAZY: { from: string; request: string }[] = [
  { from: path.join('zod', 'v4', 'core', 'index.cjs'), request: '../locales/index.cjs' },
  { from: path.join('zod', 'v4', 'classic', 'external.cjs'), request: '../locales/index.cjs' },
];

/** A stand-in for a module: any use loads it, through `load`, and forwards to it. */
function standIn(load: () => object): object {
  let real: object | undefined;
  const module = () => (real ??= load());
  // An ES module's marker is answered without loading: importers ask it at once.
  const esModule = (key: string | symbol) => key === '__esModule' && real === undefined;
  return new Proxy(
    {},
    {
      get: (_target, key) => (esModule(key) ? true : Reflect.get(module(), key)),
      has: (_target, key) => esModule(key) || Reflect.has(module(), key),
      ownKeys: () => Reflect.ownKeys(module()),
      getOwnPropertyDescriptor: (_target, key) => {
        const d = Reflect.getOwnPropertyDescriptor(module(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

const internals = Module as unknown as { _load: Load; __crossAccountLazy?: true };
if (!internals.__crossAccountLazy) {
  internals.__crossAccountLazy = true;
  const load = internals._load;
  internals._load = function (request, parent, isMain) {
    const lazy = parent && LAZY.find((l) => l.request === request && parent.filename.endsWith(l.from));
    if (!lazy) return load.call(this, request, parent, isMain);
    return standIn(() => load.call(this, request, parent, isMain) as object);
  };
}
