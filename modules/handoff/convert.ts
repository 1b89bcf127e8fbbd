/**
 * cdk.tf.json -> main.tf: the same configuration as HCL a careful human would
 * write. Provider references unquoted, no interpolation-only strings, policies
 * as jsonencode({...}), no cdktf metadata, provider source hashicorp/aws with a
 * version constraint.
 */
import { Block, BodyItem, Call, Expr, renderFile, Value } from './hcl';
import { BLOCKS, POLICY_ATTRIBUTES } from './schema';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const AWS_PROVIDER_CONSTRAINT = '~> 6.25';
/** The tfe provider of @cdktf/provider-tfe 12.5.1 (the Terraform Cloud bootstrap). */
const TFE_PROVIDER_CONSTRAINT = '~> 0.71';
const CONSTRAINTS: Record<string, string> = { aws: AWS_PROVIDER_CONSTRAINT, tfe: TFE_PROVIDER_CONSTRAINT };

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON policy string -> the object jsonencode() takes (its strings may still hold references). */
function policyValue(text: string): Value {
  const doc = JSON.parse(text) as Json;
  return new Call('jsonencode', toValue(doc));
}

function toValue(v: Json): Value {
  if (Array.isArray(v)) return v.map(toValue);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toValue(x)]));
  return v;
}

/** A resource (or provider, data source) body: meta-arguments first, then attributes, then nested blocks. */
function body(kind: string, obj: Obj, path = ''): BodyItem[] {
  const blocks = BLOCKS[kind];
  if (!blocks) throw new Error(`handoff: no HCL schema for ${kind}; add it to modules/handoff/schema.ts`);
  const attrs: BodyItem[] = [];
  const meta: BodyItem[] = [];
  const nested: BodyItem[] = [];
  for (const [k, v] of Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (k === '//') continue; // cdktf metadata
    const here = path ? `${path}.${k}` : k;
    if (path === '' && k === 'provider') meta.push({ attr: k, value: new Expr(String(v)) });
    else if (path === '' && k === 'depends_on') meta.push({ attr: k, value: (v as string[]).map((d) => new Expr(d)) });
    else if (blocks.includes(here)) {
      for (const item of Array.isArray(v) ? v : [v])
        nested.push({ block: { type: k, labels: [], body: body(kind, item as Obj, here) } });
    } else if (typeof v === 'string' && path === '' && POLICY_ATTRIBUTES.includes(k))
      attrs.push({ attr: k, value: policyValue(v) });
    else attrs.push({ attr: k, value: toValue(v) });
  }
  // A blank line after the meta-arguments, as in hand-written Terraform.
  const gap: BodyItem[] = meta.length && (attrs.length || nested.length) ? [{ blank: true }] : [];
  return [...meta, ...gap, ...attrs, ...nested];
}

function terraformBlock(t: Obj): Block {
  const items: BodyItem[] = [];
  const providers = (t.required_providers ?? {}) as Obj;
  items.push({
    block: {
      type: 'required_providers',
      labels: [],
      body: Object.keys(providers).map((name) => ({
        attr: name,
        value: { source: `hashicorp/${name}`, version: CONSTRAINTS[name] ?? AWS_PROVIDER_CONSTRAINT },
      })),
    },
  });
  const backend = t.backend as Obj | undefined;
  if (backend) {
    for (const [type, cfg] of Object.entries(backend))
      items.push({
        block: {
          type: 'backend',
          labels: [type],
          body: Object.entries(cfg as Obj).map(([k, v]) => ({ attr: k, value: toValue(v) })),
        },
      });
  }
  const cloud = t.cloud as Obj | undefined;
  if (cloud) {
    const { workspaces, ...rest } = cloud;
    items.push({
      block: {
        type: 'cloud',
        labels: [],
        body: [
          ...Object.entries(rest).map(([k, v]) => ({ attr: k, value: toValue(v) })),
          {
            block: {
              type: 'workspaces',
              labels: [],
              body: Object.entries(workspaces as Obj).map(([k, v]) => ({ attr: k, value: toValue(v) })),
            },
          },
        ],
      },
    });
  }
  // What the backend needs (S3-native locking: 1.10), as synth recorded it.
  const version = typeof t.required_version === 'string' ? t.required_version : '>= 1.6';
  return { type: 'terraform', labels: [], body: [{ attr: 'required_version', value: version }, ...items] };
}

const byName = (o: Obj) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The whole main.tf of one stack. */
export function toHcl(json: Obj): string {
  const blocks: Block[] = [terraformBlock((json.terraform ?? {}) as Obj)];
  for (const kind of ['aws', 'tfe'])
    for (const p of ((json.provider as Obj | undefined)?.[kind] ?? []) as Obj[])
      blocks.push({ type: 'provider', labels: [kind], body: body(`provider.${kind}`, p) });
  // Input variables (dynamic credentials' tfc_aws_dynamic_credentials): the type is an expression.
  for (const [name, v] of byName((json.variable ?? {}) as Obj)) {
    const items: BodyItem[] = Object.entries(v as Obj)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => ({ attr: k, value: k === 'type' ? new Expr(String(x)) : toValue(x) }));
    blocks.push({ type: 'variable', labels: [name], body: items });
  }
  for (const [type, named] of byName((json.data ?? {}) as Obj)) {
    for (const [name, r] of byName(named as Obj))
      blocks.push({ type: 'data', labels: [type, name], body: body(`data.${type}`, r as Obj) });
  }
  for (const [type, named] of byName((json.resource ?? {}) as Obj)) {
    for (const [name, r] of byName(named as Obj))
      blocks.push({ type: 'resource', labels: [type, name], body: body(type, r as Obj) });
  }
  for (const [name, o] of byName((json.output ?? {}) as Obj)) {
    const out = o as Obj;
    const value =
      typeof out.value === 'string' && out.value.startsWith('{"Version":')
        ? policyValue(out.value)
        : toValue(out.value);
    const items: BodyItem[] = [];
    if (out.description !== undefined) items.push({ attr: 'description', value: toValue(out.description) });
    if (out.sensitive !== undefined) items.push({ attr: 'sensitive', value: toValue(out.sensitive) });
    items.push({ attr: 'value', value });
    blocks.push({ type: 'output', labels: [name], body: items });
  }
  return renderFile(blocks);
}
