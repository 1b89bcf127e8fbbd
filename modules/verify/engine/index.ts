/** The policy engine verify asks: iam-simulate with its gaps worked around, fast, over many requests. */
export { evaluate } from './evaluate';
export type { Decision, Request } from './evaluate';
export { evaluateAll } from './all';
export type { Progress } from './all';
