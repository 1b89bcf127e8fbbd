/**
 * cdktf records a full stack trace for every token and nested block it creates
 * (for messages about tokens that fail to resolve, which a plan's stacks never
 * produce). Capturing and formatting those traces was a fifth of a large synth;
 * while a plan is rendered they are neither captured nor formatted. Real errors
 * keep their stack: only cdktf's capture target, a plain object, is skipped.
 */
export function withoutTokenTraces<T>(render: () => T): T {
  const previousPrepare = Error.prepareStackTrace;
  const previousCapture = Error.captureStackTrace;
  Error.prepareStackTrace = (target, frames) => {
    if (!(target instanceof Error)) return '';
    return previousPrepare
      ? previousPrepare(target, frames)
      : `${String(target)}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
  };
  // A plain object left without a stack reads as "no trace" to cdktf (an empty list).
  Error.captureStackTrace = (target: object, below?: Parameters<typeof previousCapture>[1]) => {
    if (target instanceof Error) previousCapture(target, below);
  };
  try {
    return render();
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.captureStackTrace = previousCapture;
  }
}
