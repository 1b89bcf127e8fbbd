/**
 * verify's process only: V8 lets the old generation grow to a multiple of what survived the last
 * full collection before it collects again, and verify's rows are short-lived, so at 10,000
 * consumers the heap held several times what was live. Bounded growth keeps it near what is live
 * for some more collector time (measured in BENCHMARKS.md; the choice in docs/scale.md). A V8 flag
 * set at run time on purpose: NODE_OPTIONS does not take it, and a relaunch costs a process.
 */
import * as v8 from 'v8';

const HEAP_GROWING_PERCENT = 20;

/** Called by verify's entry points (never by the library or the tests, whose process is not ours). */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
