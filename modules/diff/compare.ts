/**
 * Two sides' access facts compared: what is gained and lost, by principal,
 * path, workflow and prefix. A prefix covers the prefixes under it, so widening
 * curated/ to the whole bucket gains the whole bucket and loses nothing.
 */
import { ClientSwitch, clientSwitches } from './switches';
import { AccessFact, AccessFacts, byFact, ConsumerFact, FindingFact, findingKey, WHOLE_BUCKET } from './facts';

export interface FactChange extends AccessFact {
  /** The consumers whose role the principal is, on either side (none: a principal the config does not name). */
  consumers: string[];
  /** Prefixes under this one that the other side holds the same workflow on (lost: still held; gained: held before). */
  within?: string[];
}

/** On one principal, path and target: the actions gained or lost, beyond those of what still holds there. */
export interface ActionChange {
  principal: string;
  path: string;
  target: string;
  gained: string[];
  lost: string[];
}

export interface ConsumerChange {
  name: string;
  base?: string;
  current?: string;
}

export interface PostureChange {
  setting: string;
  base: string;
  current: string;
  /** A change that lets more in: Block Public Access off, ACLs on, ACL resources, the organization guard dropped. */
  widens: boolean;
}

export interface AccessDiff {
  /** Set when the two sides share no bucket: every fact of one is lost, every fact of the other gained. */
  bucket?: { base: string; current: string };
  gained: FactChange[];
  lost: FactChange[];
  actions: ActionChange[];
  principals: { appeared: string[]; disappeared: string[] };
  /** Consumers added, removed, or whose level, prefixes, role or method changed (as written). */
  consumers: ConsumerChange[];
  /** Consumers whose route changed: the path their requests take (e.g. moved to an access point by overflow). */
  routes: ConsumerChange[];
  /** What their clients must change, said loudly (switches.ts). */
  switches: ClientSwitch[];
  posture: PostureChange[];
  findings: { gained: FindingFact[]; lost: FindingFact[] };
  accepted: { gained: FindingFact[]; lost: FindingFact[] };
  /**
   * Set when the current side has more policy problems (verify's lint: an operator, action or condition key AWS does
   * not document) than the base: the evaluator reads such a statement as matching nothing, so what it touches is
   * not proven, and it counts as new access until fixed.
   */
  policyProblems?: { base: number; current: number };
  /** Anything the base did not have: access, a finding, an accepted grant, a widening, an unproven statement. */
  newAccess: boolean;
  unchanged: number;
}

/** Whether `b` covers `a`: same principal, path and workflow, and `a`'s prefix under `b`'s (or the same target). */
const covers = (b: AccessFact, a: AccessFact) =>
  a.target === b.target || (a.prefix !== undefined && b.prefix !== undefined && a.prefix.startsWith(b.prefix));

/** Facts grouped by a key, for look-ups linear in the number of facts. */
function groupBy(facts: AccessFact[], key: (f: AccessFact) => string): Map<string, AccessFact[]> {
  const out = new Map<string, AccessFact[]>();
  for (const f of facts) {
    const k = key(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}
const byWorkflow = (f: AccessFact) => `${f.principal}|${f.path}|${f.workflow}`;
const byPath = (f: AccessFact) => `${f.principal}|${f.path}`;

/** The facts of `mine` that nothing of `theirs` covers. */
function beyond(mine: AccessFact[], theirs: AccessFact[]): AccessFact[] {
  const other = groupBy(theirs, byWorkflow);
  return mine.filter((f) => !(other.get(byWorkflow(f)) ?? []).some((o) => covers(o, f)));
}

/** The actions held on a fact's principal, path and target (or on a prefix above it). */
function actionsAt(facts: Map<string, AccessFact[]>, at: AccessFact): Set<string> {
  return new Set((facts.get(byPath(at)) ?? []).filter((f) => covers(f, at)).flatMap((f) => f.actions));
}

function actionChanges(
  base: AccessFact[],
  current: AccessFact[],
  gained: AccessFact[],
  lost: AccessFact[],
  sameBucket: boolean,
) {
  const before = groupBy(base, byPath);
  const after = groupBy(current, byPath);
  const out = new Map<string, ActionChange>();
  const at = (f: AccessFact) => {
    const k = `${f.principal}|${f.path}|${f.target}`;
    let c = out.get(k);
    if (!c) out.set(k, (c = { principal: f.principal, path: f.path, target: f.target, gained: [], lost: [] }));
    return c;
  };
  for (const f of gained) {
    const had = sameBucket ? actionsAt(before, f) : new Set<string>();
    at(f).gained = [...actionsAt(after, f)].filter((a) => !had.has(a));
  }
  for (const f of lost) {
    const has = sameBucket ? actionsAt(after, f) : new Set<string>();
    at(f).lost = [...actionsAt(before, f)].filter((a) => !has.has(a));
  }
  return [...out.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => ({ ...c, gained: c.gained.sort(), lost: c.lost.sort() }));
}

const describe = (c: ConsumerFact) =>
  `${c.access} on ${c.prefixes.length ? c.prefixes.join(', ') : WHOLE_BUCKET}, ${c.written}, role ${c.role}`;

const routeText = (c: ConsumerFact) =>
  c.method === 'access-point'
    ? `access point ${c.accessPoint}${c.reason === 'overflow' ? ' (overflow: the bucket policy is full)' : ''}`
    : c.method === 'assume-role'
      ? `assumes ${c.assumes}`
      : 'direct';

function findingChanges(base: FindingFact[], current: FindingFact[]) {
  const had = new Set(base.map(findingKey));
  const has = new Set(current.map(findingKey));
  return { gained: current.filter((f) => !had.has(findingKey(f))), lost: base.filter((f) => !has.has(findingKey(f))) };
}

function widens(setting: string, base: string, current: string): boolean {
  switch (setting) {
    case 'Block Public Access':
      return base === 'all four on' && current !== 'all four on';
    case 'Object Ownership':
      return base === 'BucketOwnerEnforced';
    case 'ACL resources':
      return current !== 'none';
    case 'organization guard (aws:PrincipalOrgID)':
      return base !== 'none';
    default:
      return false;
  }
}

export function compare(base: AccessFacts, current: AccessFacts): AccessDiff {
  const consumersOf = new Map<string, Set<string>>();
  for (const c of [...base.consumers, ...current.consumers]) {
    if (!consumersOf.has(c.role)) consumersOf.set(c.role, new Set());
    consumersOf.get(c.role)!.add(c.name);
  }
  /** With the narrower prefixes the other side holds the same workflow on. */
  const change = (f: AccessFact, other: Map<string, AccessFact[]>): FactChange => {
    const within = (other.get(byWorkflow(f)) ?? [])
      .filter((o) => o.prefix !== undefined && f.prefix !== undefined && o.prefix.startsWith(f.prefix))
      .map((o) => o.target);
    return {
      ...f,
      consumers: [...(consumersOf.get(f.principal) ?? [])].sort(),
      ...(within.length ? { within: within.sort() } : {}),
    };
  };
  // Another bucket (or its account): nothing held on one is held on the other.
  const sameBucket = base.bucket === current.bucket;
  const before = groupBy(sameBucket ? base.facts : [], byWorkflow);
  const after = groupBy(sameBucket ? current.facts : [], byWorkflow);
  const gained = sameBucket ? beyond(current.facts, base.facts) : current.facts;
  const lost = sameBucket ? beyond(base.facts, current.facts) : base.facts;
  const principals = (facts: AccessFact[]) => new Set(facts.map((f) => f.principal));
  const had = principals(base.facts);
  const has = principals(current.facts);

  const consumers: ConsumerChange[] = [];
  const routes: ConsumerChange[] = [];
  const names = [...new Set([...base.consumers, ...current.consumers].map((c) => c.name))].sort();
  for (const name of names) {
    const b = base.consumers.find((c) => c.name === name);
    const c = current.consumers.find((x) => x.name === name);
    if (!b || !c || describe(b) !== describe(c))
      consumers.push({ name, ...(b ? { base: describe(b) } : {}), ...(c ? { current: describe(c) } : {}) });
    if (b && c && routeText(b) !== routeText(c)) routes.push({ name, base: routeText(b), current: routeText(c) });
  }

  const posture: PostureChange[] = [];
  for (const s of current.posture) {
    const was = base.posture.find((x) => x.setting === s.setting)?.value ?? 'none';
    if (was !== s.value)
      posture.push({ setting: s.setting, base: was, current: s.value, widens: widens(s.setting, was, s.value) });
  }
  const findings = findingChanges(base.findings, current.findings);
  const accepted = findingChanges(base.accepted, current.accepted);
  const problems = { base: base.verify.lint, current: current.verify.lint };
  const policyProblems = problems.current > problems.base ? problems : undefined;
  return {
    gained: gained.map((f) => change(f, before)).sort(byFact),
    lost: lost.map((f) => change(f, after)).sort(byFact),
    actions: actionChanges(base.facts, current.facts, gained, lost, sameBucket),
    principals: {
      appeared: [...has].filter((p) => !had.has(p)).sort(),
      disappeared: [...had].filter((p) => !has.has(p)).sort(),
    },
    consumers,
    routes,
    switches: clientSwitches(base, current),
    posture,
    findings,
    accepted,
    bucket: sameBucket ? undefined : { base: base.bucket, current: current.bucket },
    ...(policyProblems ? { policyProblems } : {}),
    newAccess:
      gained.length > 0 ||
      findings.gained.length > 0 ||
      accepted.gained.length > 0 ||
      posture.some((p) => p.widens) ||
      policyProblems !== undefined,
    unchanged: current.facts.length - gained.length,
  };
}
