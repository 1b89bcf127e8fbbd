/** One measurement in a fresh process (so peak memory is this run's): `ts-node bench/one.ts ours|cdk N`. */
import { generateConfig } from './generate';

const [side, n] = [process.argv[2], Number(process.argv[3])];
const config = generateConfig(n, { overflow: 'access-points', encryption: { type: 'kms', keyGrants: 'accounts' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const measured = side === 'cdk' ? require('./cdk-side').synthCdk(config) : require('./our-side').synthOurs(config);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ ...measured, peakMb }) + '\n');
