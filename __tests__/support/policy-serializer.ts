/**
 * Snapshots show policies as parsed, indented JSON, not one-line strings: a
 * change to a policy reads as a change to the statements in review.
 */
type Printer = (value: unknown, config: unknown, indentation: string, depth: number, refs: unknown) => string;

// jest loads this file by path (jest.config.js snapshotSerializers): no import uses these.
// ts-unused-exports:disable-next-line
export const test = (v: unknown): v is string => typeof v === 'string' && v.startsWith('{"Version":"2012-10-17"');

// ts-unused-exports:disable-next-line
export function serialize(
  val: string,
  config: unknown,
  indentation: string,
  depth: number,
  refs: unknown,
  printer: Printer,
) {
  return `Policy ${printer(JSON.parse(val), config, indentation, depth, refs)}`;
}
