/**
 * cdktf records a full stack trace for every token and nested block it creates
 * (for messages about tokens that fail to resolve, which a plan's stacks never
 * produce). Capturing and formatting those traces was a large part of a big synth;
 * while a plan is rendered they are not captured. Real errors keep their stack:
 * only cdktf's capture target, a plain object, is skipped (and, never captured,
 * is never formatted either).
 */
export function withoutTokenTraces<T>(render: () => T): T {
  const previous = Error.captureStackTrace;
  // A plain object left without a stack reads as "no trace" to cdktf (an empty list).
  Error.captureStackTrace = (target: object, below?: Parameters<typeof previous>[1]) => {
    if (target instanceof Error) previous(target, below);
  };
  try {
    return render();
  } finally {
    Error.captureStackTrace = previous;
  }
}
