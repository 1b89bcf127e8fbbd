/**
 * A side's samples summed up: the median, and the range and spread the report judges by. From five samples
 * on, the fastest and the slowest are left out of the range and the spread (the median is the same): on a
 * shared machine one sample in a few is hit by something outside the run, and with the whole range a single
 * such sample decided the run. Both ends stay in the results and the report (`all`).
 */
import type { Stats } from './results';

export function statsOf(xs: number[]): Stats | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const trim = s.length >= 5 ? 1 : 0;
  const [min, max] = [s[trim], s[s.length - 1 - trim]];
  return {
    median,
    min,
    max,
    spread: median > 0 ? (max - min) / median : 0,
    ...(trim ? { trimmed: trim, all: { min: s[0], max: s[s.length - 1] } } : {}),
  };
}
