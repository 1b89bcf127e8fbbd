/** Token traces are skipped while a plan renders, and only there; real errors keep their stack. */
import { withoutTokenTraces } from '../modules/stacks/render/traces';

const stackOf = (target: object) => {
  Error.captureStackTrace(target);
  return (target as { stack?: string }).stack;
};

test("inside: a plain object (cdktf's trace target) gets no stack, an Error gets its own", () => {
  withoutTokenTraces(() => {
    expect(stackOf({ stack: '' })).toBe('');
    const e = new Error('real');
    expect(e.stack).toMatch(/^Error: real\n\s+at /);
    const target = new Error('captured');
    expect(stackOf(target)).toMatch(/^Error: captured\n\s+at /);
  });
});

test('after: both hooks are back, also when the render throws', () => {
  const prepare = Error.prepareStackTrace;
  const capture = Error.captureStackTrace;
  expect(() =>
    withoutTokenTraces(() => {
      throw new Error('boom');
    }),
  ).toThrow('boom');
  expect(Error.prepareStackTrace).toBe(prepare);
  expect(Error.captureStackTrace).toBe(capture);
  expect(stackOf({})).toMatch(/\n\s+at /);
});
