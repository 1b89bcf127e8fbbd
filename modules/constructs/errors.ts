/**
 * The one error the share's constructs throw for a mistake in how they are used:
 * it carries the path of the construct that found it, and says it first.
 */
export class ShareConstructError extends Error {
  constructor(
    /** The construct that refused (its node path). */
    readonly constructPath: string,
    what: string,
  ) {
    super(`${constructPath}: ${what}`);
    this.name = 'ShareConstructError';
  }
}
