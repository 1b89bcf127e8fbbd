/** Inside a worker: evaluate a share of the requests, documents resolved by id, and report progress. */
import { parentPort } from 'worker_threads';
import { evaluate } from './evaluate';
import type { FromWorker, ToWorker } from './pool';

parentPort!.once('message', async ({ docs, requests }: ToWorker) => {
  try {
    const decisions = [];
    for (const [i, r] of requests.entries()) {
      decisions.push(
        await evaluate({
          ...r,
          identity: r.identity.map((id) => docs[id]),
          resourcePolicy: r.resourcePolicy < 0 ? undefined : docs[r.resourcePolicy],
        }),
      );
      if ((i + 1) % 1000 === 0) parentPort!.postMessage({ progress: i + 1 } satisfies FromWorker);
    }
    parentPort!.postMessage({ decisions } satisfies FromWorker);
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message } satisfies FromWorker);
  }
});
