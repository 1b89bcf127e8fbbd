/**
 * Worker threads for large matrices. Each worker gets every policy document
 * once (by id), then requests that name documents by id: a 20 KB bucket policy
 * is not copied for each of a hundred thousand requests.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Doc } from '../deployed';
import type { Decision, Request } from './evaluate';

export interface WireRequest extends Omit<Request, 'identity' | 'resourcePolicy'> {
  identity: number[];
  resourcePolicy: number;
}

export type ToWorker = { docs: Doc[]; requests: WireRequest[] };
export type FromWorker = { progress: number } | { decisions: Decision[] } | { error: string };

export async function evaluateInWorkers(
  requests: Request[],
  workers: number,
  progress?: (done: number, total: number) => void,
): Promise<Decision[]> {
  const docs: Doc[] = [];
  const docIds = new Map<Doc, number>();
  const idOf = (d: Doc | undefined) => {
    if (!d) return -1;
    let id = docIds.get(d);
    if (id === undefined) {
      docIds.set(d, (id = docs.length));
      docs.push(d);
    }
    return id;
  };
  const wire: WireRequest[] = requests.map((r) => ({
    ...r,
    identity: r.identity.map(idOf),
    resourcePolicy: idOf(r.resourcePolicy),
  }));
  // Interleaved, so that each worker gets a share of every kind of request.
  const shares = Array.from({ length: workers }, (_, w) =>
    wire.map((r, i) => [r, i] as const).filter(([, i]) => i % workers === w),
  );
  const done = new Array<number>(workers).fill(0);
  const out = new Array<Decision>(requests.length);
  const entry = path.join(__dirname, 'worker.js');
  await Promise.all(
    shares.map(
      (share, w) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(entry, { workerData: { source: __filename.endsWith('.ts') ? 'ts' : 'js' } });
          worker.on('message', (m: FromWorker) => {
            if ('progress' in m) {
              done[w] = m.progress;
              progress?.(
                done.reduce((a, b) => a + b, 0),
                requests.length,
              );
            } else if ('error' in m) reject(new Error(m.error));
            else {
              m.decisions.forEach((d, i) => (out[share[i][1]] = d));
              void worker.terminate();
              resolve();
            }
          });
          worker.on('error', reject);
          worker.postMessage({ docs, requests: share.map(([r]) => r) } satisfies ToWorker);
        }),
    ),
  );
  return out;
}
