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
import { INDEX_LIKE, sortedKeys } from './sorted';

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

/** The same members, in sorted key order (each member already sorted). */
function inKeyOrder<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

export class StackJson {
  /** Stacks applied before this one (the manifest's `dependencies`). */
  readonly dependencies: string[] = [];
  private readonly metadata: JsonObject;
  private readonly outputPaths: JsonObject = {};
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

  output(path: string, name: string, value: string, description: string, sensitive = false): void {
    this.claim(this.outputs, 'output', name);
    // Keys in sorted order, as toJson would put them.
    this.outputs[name] = sensitive ? { description, sensitive, value } : { description, value };
    // cdktf's map of outputs: the construct path, each part a level, down to the output's name.
    const parts = path.split('/');
    let at = this.outputPaths;
    for (const part of parts.slice(0, -1)) {
      if (typeof at[part] !== 'object') at[part] = {};
      at = at[part] as JsonObject;
    }
    at[parts[parts.length - 1]] = name;
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
    // Sorted as each is made: a small object now, rather than the whole stack copied at the end.
    byName[name] = sortedKeys({
      '//': { metadata: { path, uniqueId: name } },
      ...attributes,
      ...(options.provider ? { provider: options.provider } : {}),
      ...(options.dependsOn ? { depends_on: [...options.dependsOn] } : {}),
    });
    return `${type}.${name}`;
  }

  private claim(byName: Record<string, unknown>, kind: string, name: string): void {
    if (INDEX_LIKE.test(name))
      throw new Error(`stack ${this.name}: ${kind}.${name} would not be written in sorted order`);
    if (Object.prototype.hasOwnProperty.call(byName, name))
      throw new Error(
        `stack ${this.name}: two elements at ${kind}.${name} (a bug of the emitter: nothing was written)`,
      );
  }
}
