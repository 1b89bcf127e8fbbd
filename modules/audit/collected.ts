/**
 * A collected folder (scripts/collect.sh): the AWS CLI's JSON of each read-only call, per
 * account, and/or `terraform show -json` of each stack. Read in AWS's documented response
 * shapes — a resource policy as a JSON string inside {"Policy": ...}, IAM documents decoded
 * (or URL-encoded, as the API returns them), pagination markers — and refused when a file
 * the synthesized output needs is missing, or a listing was cut off by a pagination marker.
 */
import * as fs from 'fs';
import * as path from 'path';

export type Json = Record<string, unknown>;

/** Where each call's JSON goes, below aws/<account-id>/ (collect.sh writes exactly these). */
export const FILES = {
  bucketPolicy: 's3api/get-bucket-policy.json',
  publicAccessBlock: 's3api/get-public-access-block.json',
  ownership: 's3api/get-bucket-ownership-controls.json',
  encryption: 's3api/get-bucket-encryption.json',
  describeKey: 'kms/describe-key.json',
  keyPolicy: 'kms/get-key-policy.json',
  accessPoints: 's3control/list-access-points.json',
  accessPointPolicy: (name: string) => `s3control/get-access-point-policy/${name}.json`,
  role: (name: string) => `iam/get-role/${name}.json`,
  rolePolicies: (name: string) => `iam/list-role-policies/${name}.json`,
  rolePolicy: (role: string, policy: string) => `iam/get-role-policy/${role}/${policy}.json`,
  findings: 'accessanalyzer/list-findings.json',
};

export class CollectionRefused extends Error {
  constructor(
    readonly folder: string,
    readonly problems: string[],
  ) {
    super(
      `${folder}: the collection is incomplete, so nothing can be said about what is deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Collect again with scripts/collect.sh (every call, every page), or fill in what is named.',
    );
    this.name = 'CollectionRefused';
  }
}

/** Reads files of one collected folder; every miss and cut-off page is remembered, not thrown at once. */
export class Collection {
  readonly missing: string[] = [];

  constructor(readonly folder: string) {}

  has(rel: string): boolean {
    return fs.existsSync(path.join(this.folder, rel));
  }

  /** The parsed JSON of `rel`, or undefined (remembered as missing, saying which call writes it). */
  read(rel: string, call: string): Json | undefined {
    const file = path.join(this.folder, rel);
    if (!fs.existsSync(file)) {
      this.missing.push(`${rel} (${call})`);
      return undefined;
    }
    try {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
      return v as Json;
    } catch (e) {
      this.missing.push(`${rel}: ${(e as Error).message} (${call})`);
      return undefined;
    }
  }

  /** A listing's pagination marker: present, the listing is partial. */
  paged(rel: string, v: Json | undefined, marker: string): void {
    if (v && v[marker] !== undefined && v[marker] !== null && v[marker] !== '')
      this.missing.push(`${rel}: a partial listing (it holds ${marker}): collect every page`);
    if (v && v.IsTruncated === true) this.missing.push(`${rel}: a partial listing (IsTruncated): collect every page`);
  }

  refuseIfIncomplete(): void {
    if (this.missing.length) throw new CollectionRefused(this.folder, this.missing);
  }
}

/** {"Policy": "<json>"} (s3api get-bucket-policy, kms get-key-policy, s3control get-access-point-policy). */
export function policyOf(v: Json | undefined, what: string, problems: string[]): unknown {
  if (!v) return undefined;
  if (typeof v.Policy !== 'string') {
    problems.push(`${what}: no "Policy" string (the AWS CLI returns the policy as a JSON string)`);
    return undefined;
  }
  try {
    return JSON.parse(v.Policy);
  } catch {
    problems.push(`${what}: its "Policy" is not JSON`);
    return undefined;
  }
}

/** IAM documents: the CLI decodes them into objects; the raw API sends them URL-encoded. */
export function iamDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const text = /^%7B/i.test(v.trim()) ? decodeURIComponent(v) : v;
  return JSON.parse(text);
}
