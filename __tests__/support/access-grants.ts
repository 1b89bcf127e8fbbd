/** examples/access-grants.json: consumers of method "access-grant" in two accounts (and one direct), as raw JSON. */
import { readJson } from './synth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit raw configs freely
export const accessGrantsConfig = (): Record<string, any> => readJson('examples/access-grants.json');
