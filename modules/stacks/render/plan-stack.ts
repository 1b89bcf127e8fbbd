/**
 * A stack of a plan, rendered as cdktf renders any stack, minus two passes that
 * find nothing in it:
 * - cdktf prepares every stack by resolving all its values once more than
 *   synthesis does, only to find references to other stacks; an app of one stack
 *   has none to find, so that pass is skipped there.
 *   With several stacks, cdktf prepares as usual.
 * - cdktf's toTerraform resolves each element, merges the results, then resolves
 *   the merged whole again. Resolved values hold no token, so the second pass
 *   only copies the tree (time and memory at scale); here the
 *   overrides, the one part that was not resolved before, are resolved alone.
 *   cdktf's walk creates a context per value; here it runs only on the values
 *   that hold a token (the references), the rest is copied as resolve copies it.
 *   Those fresh copies are then merged into the stack's JSON without a second
 *   copy (deepMerge copies every element it merges), the output map built in place.
 *   A test holds the result equal to cdktf's own.
 * And it writes its JSON itself (sorted-json.ts: the same bytes in a fraction of
 * the memory): cdktf's synthesizer runs as always (aspects, validations,
 * annotations, the manifest) on a stack whose JSON it does not serialize.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  DefaultTokenResolver,
  ISynthesisSession,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Tokenization,
} from 'cdktf';
// cdktf's own merge (arrays concatenated, undefined deletes), so that the result is its own.
import { deepMerge } from 'cdktf/lib/util';
import { Construct } from 'constructs';
import { fsStep } from '../../io';
import { writeSortedJson } from './sorted-json';

/** cdktf's private fields this rendering reads, as its own toTerraform does. */
interface StackInternals {
  rawOverrides: Record<string, unknown>;
  cdktfVersion: string;
}

/** The elements of a stack, in cdktf's order, not descending into nested stacks. */
function elementsOf(scope: TerraformStack | TerraformElement, into: TerraformElement[] = []): TerraformElement[] {
  for (const child of scope.node.children) {
    if (TerraformStack.isStack(child)) continue;
    if (TerraformElement.isTerraformElement(child)) into.push(child);
    elementsOf(child as TerraformElement, into);
  }
  return into;
}

/** The output map cdktf writes under "//": each output's construct path down to its Terraform name. */
function outputsOf(elements: TerraformElement[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    // What cdktf's deepMerge of {part: {part: … id}} does, walked in place: a non-object on the way becomes one.
    const parts = e.node.path.split('/');
    let at = outputs;
    for (const part of parts.slice(0, -1)) {
      if (typeof at[part] !== 'object') at[part] = {};
      at = at[part] as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = e.friendlyUniqueId;
  }
  return outputs;
}

/**
 * cdktf's deepMerge of a resolved element into the stack's JSON, where a key the stack does
 * not hold yet takes the element's value as it is instead of a copy of it: resolved values
 * are fresh containers holding no token and no undefined (resolveWhereTokens made them), so
 * the copy deepMerge would make is equal to them. Arrays, primitives, and keys already held
 * are merged as deepMerge merges them.
 */
function mergeResolved(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const held = target[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof held === 'object' && held)
      mergeResolved(held as Record<string, unknown>, value as Record<string, unknown>);
    else if (Array.isArray(value) && Array.isArray(held)) target[key] = [...held, ...value];
    else if (value === undefined) delete target[key];
    else target[key] = value;
  }
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A token in a string: cdktf's markers, or a number token printed into it (a huge negative double: "-8.1…e+298"). */
const holdsToken = (text: string) => text.includes('TfToken[') || /\de\+\d/.test(text);

/**
 * cdktf's resolve of `v`, with cdktf's walk only where a token is: plain objects and arrays
 * are walked here (undefined dropped, as resolve drops it); a string holding a token (a
 * reference, or a number token printed into it), a token
 * number, a class instance (a Lazy, a Date) are resolved by cdktf alone — as cdktf would,
 * since a string's or a token's resolution does not depend on where it sits. An array with a
 * list token, an object with a map-token key go to cdktf whole, as resolve treats them whole.
 */
function resolveWhereTokens(v: unknown, cdktf: (x: unknown) => unknown): unknown {
  switch (typeof v) {
    case 'string':
      return holdsToken(v) ? cdktf(v) : v;
    case 'number':
      return v > -1e288 ? v : cdktf(v);
    case 'object': {
      if (v === null) return v;
      if (Array.isArray(v)) {
        if (
          v.some((x) => (typeof x === 'string' && x.includes('#{TfToken[')) || (typeof x === 'number' && x <= -1e288))
        )
          return cdktf(v);
        const out: unknown[] = [];
        for (const x of v) {
          const r = resolveWhereTokens(x, cdktf);
          if (r !== undefined) out.push(r);
        }
        return out;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return cdktf(v);
      const keys = Object.keys(v);
      if (keys.some(holdsToken)) return cdktf(v);
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const r = resolveWhereTokens((v as Record<string, unknown>)[k], cdktf);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    default:
      return v === undefined ? v : cdktf(v);
  }
}

export class PlanStack extends TerraformStack {
  /** While cdktf's synthesizer runs, toTerraform hands it an empty stack: its JSON is written after. */
  private deferred = false;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const cdktfs = this.synthesizer;
    this.synthesizer = {
      synthesize: (session: ISynthesisSession) => {
        const file = path.join(session.outdir, session.manifest.forStack(this).synthesizedStackPath);
        // HCL output (SYNTH_HCL_OUTPUT) is cdktf's alone.
        if (!file.endsWith('.json')) return cdktfs.synthesize(session);
        this.deferred = true;
        try {
          cdktfs.synthesize(session);
        } finally {
          this.deferred = false;
        }
        // What the library's serializer just wrote for the empty stack says its layout of an empty object:
        // cdktf breaks it over two lines, CDK Terrain writes "{}".
        const compactEmpty = fsStep('read', file, () => fs.readFileSync(file, 'utf8')).trim() === '{}';
        const json = this.toTerraform();
        // A failed write (a full disk) names the file, as every write of synth does.
        fsStep('write', file, () => writeSortedJson(file, json, compactEmpty));
      },
    };
  }

  prepareStack(): void {
    const siblings = this.node.scope?.node.children.filter((c) => TerraformStack.isStack(c)) ?? [];
    if (siblings.length === 1) this.ensureBackendExists();
    else super.prepareStack();
  }

  toTerraform(): Record<string, unknown> {
    if (this.deferred) return {};
    const { rawOverrides, cdktfVersion } = this as unknown as StackInternals;
    const elements = elementsOf(this);
    const metadata: Record<string, unknown> = {
      version: cdktfVersion,
      stackName: this.node.id,
      backend: 'local',
      cloud: undefined,
      ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
    };
    const resolve = <T>(value: T): T => Tokenization.resolve(value, { scope: this, resolver: RESOLVER }) as T;
    for (const e of elements) {
      // A resource's metadata is mostly undefined entries (no override, import or move): nothing to merge.
      const m = resolveWhereTokens(e.toMetadata(), resolve) as Record<string, unknown>;
      if (Object.keys(m).length > 0) deepMerge(metadata, m);
    }
    const tf: Record<string, unknown> = {
      '//': resolveWhereTokens({ metadata, outputs: outputsOf(elements) }, resolve),
    };
    for (const e of elements)
      mergeResolved(tf, resolveWhereTokens(e.toTerraform(), resolve) as Record<string, unknown>);
    deepMerge(tf, resolve(rawOverrides));
    return tf;
  }
}
