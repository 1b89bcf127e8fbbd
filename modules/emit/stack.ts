/**
 * One stack's Terraform JSON, built as data in the shape cdktf gives it: each
 * resource and data source under its type and name with its construct path in
 * `//` metadata, outputs with the map of their construct paths, providers,
 * variables, the terraform block, and the stack's own metadata. toJson gives
 * every object its keys in sorted order (sorted.ts), the order cdktf writes.
 * Two elements at one address are a bug of the emitter, never a config's:
 * refused, not overwritten.
 */
import { LIBRARY, ProviderType } from './library';
import { indexLike, sortedKeys } from './sorted';

export type Json = string | number | boolean | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json | undefined;
}

/** A construct path: the stack's name, then each construct id below it. */
export const pathOf = (...parts: string[]) => parts.join('/');

/** `${type.name.attribute}`: a reference Terraform resolves at apply. */
export const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;

export interface ElementOptions {
  /** `aws.<alias>`; absent: the stack's default provider. */
  provider?: string;
  /** Addresses (`type.name`) applied first. */
  dependsOn?: readonly string[];
}

/** The same members, in sorted key order (each member already sorted); as it is when already so (consumers are). */
function inKeyOrder<T>(o: Record<string, T>): Record<string, T> {
  const keys = Object.keys(o);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i];
  if (sorted) return o;
  const out: Record<string, T> = {};
  for (const k of keys.sort()) out[k] = o[k];
  return out;
}

export class StackJson {
  /** Stacks applied before this one (the manifest's `dependencies`). */
  readonly dependencies: string[] = [];
  private readonly metadata: JsonObject;
  private readonly outputPaths: JsonObject = {};
  private readonly outputScopes = new Map<string, JsonObject>();
  private readonly resources: Record<string, Record<string, JsonObject>> = {};
  private readonly dataSources: Record<string, Record<string, JsonObject>> = {};
  private readonly outputs: Record<string, JsonObject> = {};
  private readonly providers: Partial<Record<ProviderType, JsonObject[]>> = {};
  private readonly variables: Record<string, JsonObject> = {};
  private readonly terraform: JsonObject = {};

  constructor(readonly name: string) {
    this.metadata = { backend: 'local', stackName: name, version: LIBRARY.version };
  }

  /** A resource; returns its address (`type.name`). */
  resource(type: string, name: string, path: string, attributes: JsonObject, options: ElementOptions = {}): string {
    return this.element(this.resources, type, name, path, attributes, options);
  }

  /** A data source with its construct path (a provider's, like aws_s3_bucket); returns `data.type.name`. */
  dataSource(type: string, name: string, path: string, attributes: JsonObject, options: ElementOptions = {}): string {
    return `data.${this.element(this.dataSources, type, name, path, attributes, options)}`;
  }

  /** Another stack's state (cdktf writes no construct path for it); returns `data.terraform_remote_state.name`. */
  remoteState(name: string, backend: string, config: JsonObject): string {
    const byName = (this.dataSources.terraform_remote_state ??= {});
    this.claim(byName, 'terraform_remote_state', name);
    byName[name] = sortedKeys({ backend, config });
    return `data.terraform_remote_state.${name}`;
  }

  /** An output of construct id `id` in the construct at `scope` (a path), named `name` in Terraform. */
  output(scope: string, id: string, name: string, value: string, description: string, sensitive = false): void {
    this.claim(this.outputs, 'output', name);
    // Keys in sorted order, as toJson would put them.
    this.outputs[name] = sensitive ? { description, sensitive, value } : { description, value };
    this.outputsOf(scope)[id] = name;
  }

  /**
   * The level of cdktf's map of outputs for the construct at `scope`: the construct path, each part a level
   * (a non-object on the way becomes one, as cdktf's merge makes it). One walk per construct, not per output.
   */
  private outputsOf(scope: string): JsonObject {
    let at = this.outputScopes.get(scope);
    if (!at) {
      at = this.outputPaths;
      for (const part of scope.split('/')) {
        if (typeof at[part] !== 'object') at[part] = {};
        at = at[part] as JsonObject;
      }
      this.outputScopes.set(scope, at);
    }
    return at;
  }

  provider(type: ProviderType, config: JsonObject): void {
    (this.providers[type] ??= []).push(config);
    const required = (this.terraform.required_providers ??= {}) as JsonObject;
    required[type] = { ...LIBRARY.providers[type] };
  }

  variable(name: string, attributes: JsonObject): void {
    this.claim(this.variables, 'variable', name);
    this.variables[name] = attributes;
  }

  /** The terraform block's backend (`local`, `s3`) or `cloud` block, and what the stack's metadata says of it. */
  backend(kind: string, config: JsonObject, metadata: JsonObject): void {
    if (kind === 'cloud') this.terraform.cloud = config;
    else this.terraform.backend = { [kind]: config };
    Object.assign(this.metadata, metadata);
  }

  /** An override of the terraform block (cdktf's addOverride on the stack: `terraform.<path>`). */
  overrideTerraform(path: readonly string[], value: Json): void {
    let at = this.terraform;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as JsonObject;
    at[path[path.length - 1]] = value;
    this.metadata.overrides = { stack: ['terraform'] };
  }

  /** The stack's JSON, every object's keys in sorted order (elements were sorted as they were made). */
  toJson(): JsonObject {
    const byName = (s: Record<string, Record<string, JsonObject>>): JsonObject | undefined => {
      const types = Object.keys(s).sort();
      if (types.length === 0) return undefined;
      const out: JsonObject = {};
      for (const t of types) out[t] = inKeyOrder(s[t]);
      return out;
    };
    const section = (s: Record<string, unknown>) =>
      Object.keys(s).length > 0 ? sortedKeys(s as JsonObject) : undefined;
    return {
      '//': sortedKeys({ metadata: this.metadata, outputs: this.outputPaths }),
      data: byName(this.dataSources),
      output: Object.keys(this.outputs).length > 0 ? inKeyOrder(this.outputs) : undefined,
      provider: section(this.providers),
      resource: byName(this.resources),
      terraform: sortedKeys(this.terraform),
      variable: section(this.variables),
    };
  }

  private element(
    into: Record<string, Record<string, JsonObject>>,
    type: string,
    name: string,
    path: string,
    attributes: JsonObject,
    options: ElementOptions,
  ): string {
    const byName = (into[type] ??= {});
    this.claim(byName, type, name);
    // Made in sorted key order: one object, rather than the whole stack copied at the end.
    const extra: JsonObject = { '//': { metadata: { path, uniqueId: name } } };
    if (options.provider) extra.provider = options.provider;
    if (options.dependsOn) extra.depends_on = [...options.dependsOn];
    const keys = [...Object.keys(extra), ...Object.keys(attributes)].sort();
    const body: JsonObject = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (i > 0 && keys[i - 1] === k) throw new Error(`${type}.${name}: the attribute ${k} is the emitter's own`);
      if (indexLike(k)) throw new Error(`emit: the key "${k}" would not be written in sorted order`);
      const v = Object.prototype.hasOwnProperty.call(extra, k) ? extra[k] : sortedKeys(attributes[k]);
      if (v !== undefined) body[k] = v;
    }
    byName[name] = body;
    return `${type}.${name}`;
  }

  private claim(byName: Record<string, unknown>, kind: string, name: string): void {
    if (indexLike(name)) throw new Error(`stack ${this.name}: ${kind}.${name} would not be written in sorted order`);
    if (Object.prototype.hasOwnProperty.call(byName, name))
      throw new Error(
        `stack ${this.name}: two elements at ${kind}.${name} (a bug of the emitter: nothing was written)`,
      );
  }
}
