/**
 * The proof of a run role's trust: who can assume it. Terraform Cloud signs a token
 * whose `sub` names organization, project, workspace and run phase; the role must
 * admit the runs of exactly one workspace. Read as IAM reads it (StringEquals,
 * StringLike with * and ?, IfExists), then probed with the tokens of the named
 * workspace (which must pass) and of every neighbour an attacker could create
 * (another workspace, project or organization, a name that extends the workspace's,
 * another audience, a missing claim), which must all fail. Anything the proof does
 * not model (another statement, operator, condition key, principal) is a finding.
 */
import { TFC_AWS_AUDIENCE, tfcSubject } from '../../naming';

const subjectOf = (x: TrustExpectation) => tfcSubject(x.organization, x.project, x.workspace);
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : typeof v === 'object' && v !== null
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v;

export interface TrustExpectation {
  host: string;
  /** The OIDC provider of the host in the role's own account. */
  providerArn: string;
  organization: string;
  project: string;
  workspace: string;
  /** The config's other workspaces: none of them may assume this role. */
  others?: string[];
}

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** IAM's StringLike: * any run of characters, ? one character, case-sensitive. */
export function like(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

const OPERATORS: Record<string, (expected: string, actual: string) => boolean> = {
  StringEquals: (e, a) => e === a,
  StringLike: like,
};

/** Whether the statement's conditions hold for a token's claims (undefined: a claim the token lacks). */
function holds(condition: Json, claims: Record<string, string | undefined>): boolean {
  return Object.entries(condition).every(([op, keys]) => {
    const ifExists = op.endsWith('IfExists');
    const test = OPERATORS[ifExists ? op.slice(0, -'IfExists'.length) : op];
    return Object.entries(keys as Json).every(([key, values]) => {
      const actual = claims[key];
      if (actual === undefined) return ifExists;
      return list(values).some((v) => test(String(v), actual));
    });
  });
}

export interface Probe {
  what: string;
  claims: Record<string, string | undefined>;
}

/** The tokens the named workspace's runs carry, and those of its neighbours. */
export function probes(x: TrustExpectation): { admitted: Probe[]; refused: Probe[] } {
  const aud = `${x.host}:aud`;
  const sub = `${x.host}:sub`;
  const token = (o: string, p: string, w: string, phase = 'apply', audience = TFC_AWS_AUDIENCE): Probe['claims'] => ({
    [aud]: audience,
    [sub]: `organization:${o}:project:${p}:workspace:${w}:run_phase:${phase}`,
  });
  const { organization: o, project: p, workspace: w } = x;
  return {
    admitted: [
      { what: `a plan of workspace ${w}`, claims: token(o, p, w, 'plan') },
      { what: `an apply of workspace ${w}`, claims: token(o, p, w, 'apply') },
    ],
    refused: [
      { what: 'another workspace of the project', claims: token(o, p, `${w}-other`) },
      { what: 'a workspace whose name starts with this one', claims: token(o, p, `${w}x`) },
      { what: 'a workspace whose name ends with this one', claims: token(o, p, `x${w}`) },
      { what: 'another workspace', claims: token(o, p, 'other') },
      { what: 'the same workspace name in another project', claims: token(o, `${p}-other`, w) },
      { what: 'the same names in another organization', claims: token(`${o}-other`, p, w) },
      { what: 'an organization whose name ends with this one', claims: token(`x${o}`, p, w) },
      { what: 'a token for another audience', claims: token(o, p, w, 'apply', 'sts.amazonaws.com') },
      { what: 'a token without a subject', claims: { [aud]: TFC_AWS_AUDIENCE, [sub]: undefined } },
      { what: 'a token without an audience', claims: { [aud]: undefined, [sub]: token(o, p, w)[sub] } },
      ...(x.others ?? []).map((other) => ({ what: `workspace ${other} of this share`, claims: token(o, p, other) })),
    ],
  };
}

/** What is wrong with a run role's trust policy text; empty: only the named workspace's runs can assume it. */
export function trustProblems(text: unknown, x: TrustExpectation): string[] {
  let doc: Json;
  try {
    doc = JSON.parse(String(text)) as Json;
  } catch {
    return ['the trust policy is not JSON'];
  }
  const out: string[] = [];
  const statements = list(doc.Statement) as Json[];
  if (doc.Version !== '2012-10-17') out.push(`Version ${JSON.stringify(doc.Version)}, not "2012-10-17"`);
  if (statements.length !== 1) out.push(`${statements.length} statements: a run role's trust has exactly one`);
  for (const s of statements) {
    const at = `statement ${JSON.stringify(s.Sid ?? '')}`;
    const unknown = Object.keys(s).filter((k) => !['Sid', 'Effect', 'Principal', 'Action', 'Condition'].includes(k));
    if (unknown.length) out.push(`${at}: ${unknown.join(', ')}: the proof models none (NotPrincipal, NotAction...)`);
    if (s.Effect !== 'Allow') out.push(`${at}: Effect ${JSON.stringify(s.Effect)}`);
    const principal = (s.Principal ?? {}) as Json;
    const federated = list(principal.Federated);
    if (
      typeof s.Principal !== 'object' ||
      Object.keys(principal).join() !== 'Federated' ||
      federated.length !== 1 ||
      federated[0] !== x.providerArn
    )
      out.push(`${at}: Principal ${JSON.stringify(s.Principal)}, not only ${x.providerArn}`);
    const actions = list(s.Action);
    if (actions.length !== 1 || actions[0] !== 'sts:AssumeRoleWithWebIdentity')
      out.push(`${at}: Action ${JSON.stringify(s.Action)}, not only sts:AssumeRoleWithWebIdentity`);
    const condition = (s.Condition ?? {}) as Json;
    const modelled = Object.entries(condition).every(
      ([op, keys]) =>
        OPERATORS[op.replace(/IfExists$/, '')] !== undefined &&
        typeof keys === 'object' &&
        keys !== null &&
        Object.keys(keys).every((k) => k === `${x.host}:aud` || k === `${x.host}:sub`),
    );
    if (!modelled) {
      out.push(
        `${at}: Condition ${JSON.stringify(condition)}: the proof models StringEquals and StringLike on ${x.host}:aud and ${x.host}:sub only`,
      );
      continue;
    }
    const p = probes(x);
    for (const probe of p.admitted)
      if (!holds(condition, probe.claims)) out.push(`${at}: refuses ${probe.what}, which must run`);
    const before = out.length;
    for (const probe of p.refused)
      if (holds(condition, probe.claims)) out.push(`${at}: admits ${probe.what} (${JSON.stringify(probe.claims)})`);
    // The probes are the neighbours an attacker would try; any other change (a "?", a second value) is named too.
    const implied = {
      StringEquals: { [`${x.host}:aud`]: TFC_AWS_AUDIENCE },
      StringLike: { [`${x.host}:sub`]: subjectOf(x) },
    };
    if (out.length === before && JSON.stringify(sorted(condition)) !== JSON.stringify(sorted(implied)))
      out.push(`${at}: Condition ${JSON.stringify(condition)}, the config implies ${JSON.stringify(implied)}`);
  }
  return out;
}
