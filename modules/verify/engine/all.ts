/**
 * Every request's decision, each distinct request evaluated once: by our own
 * evaluator (fast.ts) where its model covers the request, else by the IAM
 * simulator — in this process for a few thousand, else over worker threads.
 * The first request of each kind (action, resource kind, context keys, same or
 * other account) goes to both: the simulator is the one that refuses invalid
 * requests, and a disagreement stops verify (fail closed) instead of trusting
 * either.
 */
import * as os from 'os';
import type { Doc } from '../deployed';
import { acceptedBySimulator, Decision, EngineError, evaluate, Request } from './evaluate';
import { fastEvaluate, fastStats } from './fast';
import { evaluateInWorkers } from './pool';

export interface Progress {
  (done: number, total: number): void;
}

/** Ids for documents, so that a request's key does not serialize whole policies. */
const ids = new WeakMap<Doc, number>();
let nextId = 0;
const idOf = (d: Doc | undefined) => {
  if (!d) return -1;
  let id = ids.get(d);
  if (id === undefined) ids.set(d, (id = nextId++));
  return id;
};
const keyOf = (r: Request) =>
  JSON.stringify([
    r.principal,
    r.action,
    r.resource,
    r.resourceAccount,
    r.context,
    r.identity.map(idOf),
    idOf(r.resourcePolicy),
  ]);

/** Below this many distinct requests for the simulator, starting workers costs more than it saves. */
const IN_PROCESS = Number(process.env.VERIFY_IN_PROCESS ?? 3000);
/** VERIFY_ENGINE=simulator: every request to the simulator (the fast path off, for comparison). */
const FAST = process.env.VERIFY_ENGINE !== 'simulator';

/** What the simulator's validity of a request depends on: the first of each kind is checked by it. */
function kindOf(r: Request): string {
  const [, , service = '', region = '', account = '', ...rest] = r.resource.split(':');
  const res = rest.join(':');
  const segs = res.split('/');
  const shape =
    service === 's3' && !region && !account
      ? segs.length > 1
        ? 'object'
        : 'bucket'
      : `${segs[0]}/${res.includes('/object/') ? 'object' : segs.length}`;
  const principalAccount = r.principal.split(':')[4];
  return JSON.stringify([
    r.action.toLowerCase(),
    service,
    Boolean(region),
    Boolean(account),
    shape,
    Object.keys(r.context).sort(),
    principalAccount === r.resourceAccount,
  ]);
}
const checkedKinds = new Set<string>();

function tryFast(r: Request): Decision | undefined {
  if (!FAST || r.resource.includes('*')) return undefined;
  if (!r.identity.every((d) => acceptedBySimulator(d, 'identity'))) return undefined;
  if (r.resourcePolicy && !acceptedBySimulator(r.resourcePolicy, 'resource')) return undefined;
  return fastEvaluate(r);
}

const same = (a: Decision, b: Decision) => JSON.stringify(a) === JSON.stringify(b);

/** Decisions already made, by request: a later call (the next step of many workflows) reuses them. */
export type Known = Map<string, Decision>;

export async function evaluateAll(
  requests: Request[],
  progress?: Progress,
  known: Known = new Map(),
): Promise<Decision[]> {
  // A cache, not a record: bounded, so that 10,000 consumers' requests are not all kept.
  if (known.size > 200_000) known.clear();
  const unique = new Map<string, number>();
  const distinct: Request[] = [];
  const keys = requests.map(keyOf);
  for (const [j, k] of keys.entries()) {
    if (known.has(k) || unique.has(k)) continue;
    unique.set(k, distinct.length);
    distinct.push(requests[j]);
  }
  const decisions: (Decision | undefined)[] = distinct.map(tryFast);
  // The simulator's share: what the fast path leaves, and the first request of each kind it answered.
  const toSimulator: number[] = [];
  const checks: number[] = [];
  const pending = new Set<string>();
  decisions.forEach((d, i) => {
    if (!d) return void toSimulator.push(i);
    const kind = kindOf(distinct[i]);
    if (checkedKinds.has(kind) || pending.has(kind)) return;
    pending.add(kind);
    checks.push(i);
    toSimulator.push(i);
  });
  fastStats.fast += distinct.length - toSimulator.length;
  fastStats.oracle += toSimulator.length;
  const asked = toSimulator.map((i) => distinct[i]);
  const workers = Math.min(4, os.availableParallelism?.() ?? os.cpus().length);
  let answers: Decision[];
  if (asked.length < IN_PROCESS || workers < 2) {
    answers = [];
    for (const [i, r] of asked.entries()) {
      answers.push(await evaluate(r));
      if (progress && (i + 1) % 500 === 0) progress(i + 1, asked.length);
    }
  } else answers = await evaluateInWorkers(asked, workers, progress);
  const checking = new Set(checks);
  toSimulator.forEach((i, j) => {
    const d = decisions[i];
    if (checking.has(i) && d && !same(d, answers[j])) {
      const r = distinct[i];
      throw new EngineError(
        `${r.action} on ${r.resource} by ${r.principal}: verify's evaluator says ${JSON.stringify(d)}, the simulator ${JSON.stringify(answers[j])}`,
      );
    }
    decisions[i] = answers[j];
  });
  for (const i of checks) checkedKinds.add(kindOf(distinct[i]));
  for (const [k, i] of unique) known.set(k, decisions[i]!);
  return keys.map((k) => known.get(k)!);
}
