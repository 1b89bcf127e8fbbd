export { BucketShare, Grant } from './share';
export type * from './props';
