/**
 * Every request's decision, each distinct request evaluated once: in this
 * process for a few thousand, else spread over worker threads (one per core).
 */
import * as os from 'os';
import type { Doc } from '../deployed';
import { Decision, evaluate, Request } from './evaluate';
import { evaluateInWorkers } from './pool';

export interface Progress {
  (done: number, total: number): void;
}

/** Ids for documents, so that a request's key does not serialize whole policies. */
const ids = new WeakMap<Doc, number>();
let nextId = 0;
export const idOf = (d: Doc | undefined) => {
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

/** Below this many distinct requests, starting workers costs more than it saves. */
const IN_PROCESS = Number(process.env.VERIFY_IN_PROCESS ?? 3000);

/** Decisions already made, by request: a later call (the next step of many workflows) reuses them. */
export type Known = Map<string, Decision>;

export async function evaluateAll(
  requests: Request[],
  progress?: Progress,
  known: Known = new Map(),
): Promise<Decision[]> {
  const unique = new Map<string, number>();
  const distinct: Request[] = [];
  const keys = requests.map(keyOf);
  for (const [j, k] of keys.entries()) {
    if (known.has(k) || unique.has(k)) continue;
    unique.set(k, distinct.length);
    distinct.push(requests[j]);
  }
  const workers = Math.min(4, os.availableParallelism?.() ?? os.cpus().length);
  let decisions: Decision[];
  if (distinct.length < IN_PROCESS || workers < 2) {
    decisions = [];
    for (const [i, r] of distinct.entries()) {
      decisions.push(await evaluate(r));
      if (progress && (i + 1) % 500 === 0) progress(i + 1, distinct.length);
    }
  } else decisions = await evaluateInWorkers(distinct, workers, progress);
  for (const [k, i] of unique) known.set(k, decisions[i]);
  return keys.map((k) => known.get(k)!);
}
