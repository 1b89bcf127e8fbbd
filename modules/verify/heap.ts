/**
 * verify's process only: V8 lets the old generation grow to about 2.7× what survived the last full
 * collection before it collects again. At 10,000 consumers what is live never passes ~560 MB, yet
 * the heap reached 1.5 GB (RSS 1.7 GB) of garbage awaiting collection. Growing by 30 % at most holds
 * RSS near 0.9 GB for some more collector time (BENCHMARKS.md, docs/scale.md). A V8 flag, set at
 * run time on purpose: NODE_OPTIONS does not take it, and a relaunch costs a process.
 */
import * as v8 from 'v8';

const HEAP_GROWING_PERCENT = 30;

/** Called by verify's entry points (never by the library or the tests, whose process is not ours). */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
