/**
 * Consumers whose clients must change how they address the bucket: a route that
 * changed (direct to an access point, back, or to and from a producer role). The
 * loud case is overflow: a consumer whose grants outgrew its slot of the bucket
 * policy, or whose position in the list moved past the last slot (placement.ts),
 * is on an access point, and its clients using s3://<bucket>/… are refused from
 * the apply on. Said with the ARN (and the output holding the alias) to switch to.
 */
import { tfName } from '../naming';
import type { AccessFacts, ConsumerFact } from './facts';

export interface ClientSwitch {
  consumer: string;
  /** Its written grant (level, prefixes, method) is unchanged: another change moved it. */
  unedited: boolean;
  /** The whole message, one paragraph. */
  message: string;
}

const pathOf = (c: ConsumerFact) =>
  c.method === 'access-grant'
    ? 'S3 Access Grants'
    : c.method === 'access-point'
      ? `access point ${c.accessPoint}`
      : c.method === 'assume-role'
        ? `producer role ${c.assumes}`
        : 'direct';

function why(b: ConsumerFact, c: ConsumerFact, unedited: boolean): string {
  if (b.written !== c.written) return 'its method was changed in the config';
  if (c.reason === 'overflow')
    return unedited
      ? "moved by overflow, though nobody edited it: its position in the consumers list moved past the bucket policy's slots, or their room shrank"
      : 'moved by overflow: its grants were changed and no longer fit its slot of the bucket policy';
  if (b.reason === 'overflow')
    return unedited
      ? "back from overflow, though nobody edited it: its position is within the bucket policy's slots again"
      : 'back from overflow: its grants were changed and fit its slot of the bucket policy again';
  return 'its route changed';
}

function instruction(b: ConsumerFact, c: ConsumerFact, bucket: string): string {
  const before = b.method === 'access-point' ? `access point ${b.accessPointArn ?? b.accessPoint}` : `s3://${bucket}/…`;
  if (c.method === 'access-point')
    return (
      `its clients using ${before} are refused once this is applied: they must use the access point ` +
      `${c.accessPointArn ?? c.accessPoint} where the bucket name goes (s3://${c.accessPointArn ?? c.accessPoint}/<key>), ` +
      `or its alias (terraform output -raw ${tfName('access_point', c.name, 'alias')}, once applied)`
    );
  if (c.method === 'access-grant')
    return (
      `its clients using ${before} are refused once this is applied: they must first get credentials from S3 Access Grants ` +
      `(terraform output -raw ${tfName('consumer', c.name, 'get_data_access')}) and use those`
    );
  if (c.method === 'assume-role')
    return (
      `its clients using ${before} must first assume ${c.assumes} with its External ID ` +
      `(terraform output -raw ${tfName('consumer', c.name, 'cli_profile')})`
    );
  return `its clients using ${before} must use the bucket itself, s3://${bucket}/…: the access point is removed at apply`;
}

/** Every consumer of both sides whose path to the bucket changed. */
export function clientSwitches(base: AccessFacts, current: AccessFacts): ClientSwitch[] {
  const bucket = current.bucket.split(' ')[0].replace(/^s3:\/\//, '');
  const before = new Map(base.consumers.map((c) => [c.name, c]));
  const out: ClientSwitch[] = [];
  for (const c of current.consumers) {
    const b = before.get(c.name);
    if (!b || (pathOf(b) === pathOf(c) && b.accessPointArn === c.accessPointArn)) continue;
    const unedited = b.written === c.written && b.access === c.access && b.prefixes.join(',') === c.prefixes.join(',');
    out.push({
      consumer: c.name,
      unedited,
      message:
        `CLIENTS MUST SWITCH: ${c.name} (${why(b, c, unedited)}): ${pathOf(b)} -> ${pathOf(c)}; ` +
        `${instruction(b, c, bucket)}.`,
    });
  }
  return out.sort((x, y) => (x.consumer < y.consumer ? -1 : 1));
}
