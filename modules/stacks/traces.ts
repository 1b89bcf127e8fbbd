/**
 * cdktf records a full stack trace for every token and nested block it creates
 * (for messages about tokens that fail to resolve, which a plan's stacks never
 * produce). Formatting those traces was a fifth of a large synth; while a plan is
 * rendered they are left empty. Real errors keep their stack: only cdktf's
 * capture target, a plain object, is skipped.
 */
export function withoutTokenTraces<T>(render: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target, frames) => {
    if (!(target instanceof Error)) return '';
    return previous ? previous(target, frames) : `${String(target)}\n${frames.map((f) => `    at ${f}`).join('\n')}`;
  };
  try {
    return render();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
