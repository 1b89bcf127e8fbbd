/**
 * Routes that change are said loudly. Overflow is sticky (placement.ts): widening team-000's prefixes past its slot
 * of the bucket policy moves team-000 itself, never another; a consumer added at the top of the list shifts the
 * positions below it, and the one pushed past the last slot (team-017) moves though nobody edited it. Its clients
 * using s3://bucket/… stop working at apply. Synth (against the previous output's plan.json) and the access diff
 * say whose clients must switch, and to which access point ARN (and the output holding its alias).
 */
import * as fs from 'fs';
import * as path from 'path';
import { compare, consoleReport, markdownReport, summaryLine } from '../modules/diff';
import { access, Raw } from './support/diff';
import { runMainOn, tmpDir } from './support/run-main';

const pad = (i: number) => String(i).padStart(3, '0');
/**
 * 30 consumers of one account at the real 20 KB (18 slots of 1,024 bytes: team-018 on are on access points);
 * team-000 on 1 + `extra` prefixes; `first`: a consumer listed before them all.
 */
const teams = (extra: number, first = false): Raw => ({
  region: 'us-east-1',
  accounts: { '222222222222': { profile: 'p' }, '111111111111': { profile: 'c' } },
  producer: {
    accountId: '222222222222',
    bucket: { name: 'big-shared-bucket', encryption: { type: 's3' }, overflow: 'access-points' },
  },
  consumers: [
    ...(first
      ? [{ name: 'newcomer', accountId: '111111111111', role: { name: 'Newcomer', existing: true }, access: 'read' }]
      : []),
    ...Array.from({ length: 30 }, (_, i) => ({
      name: `team-${pad(i)}`,
      accountId: '111111111111',
      role: { name: `Team${pad(i)}`, existing: true },
      access: i % 3 === 0 ? 'read-write' : 'read',
      prefixes: i === 0 ? Array.from({ length: 1 + extra }, (_, k) => `team-000/p${k}/`) : [`team-${pad(i)}/`],
    })),
  ],
});
const todo = (team: string) => {
  const arn = `arn:aws:s3:us-east-1:222222222222:accesspoint/big-shared-bucket-${team}`;
  return (
    `its clients using s3://big-shared-bucket/… are refused once this is applied: they must use the access point ` +
    `${arn} where the bucket name goes (s3://${arn}/<key>), or its alias ` +
    `(terraform output -raw access_point_${team.replace(/-/g, '_')}_alias, once applied).`
  );
};

test('synth: a warning naming the consumer moved, the access point ARN and its alias output', () => {
  const dir = tmpDir('client-switch');
  const write = (name: string, raw: Raw) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(raw));
    return file;
  };
  expect(runMainOn(dir, write('a.json', teams(0))).err).not.toMatch(/CLIENTS MUST SWITCH/);
  const r = runMainOn(dir, write('b.json', teams(5)));
  expect(r.code).toBe(0);
  // Widened past its slot: team-000 moves, and only team-000.
  expect(r.err.match(/^warning: CLIENTS MUST SWITCH: .*$/gm)).toEqual([
    'warning: CLIENTS MUST SWITCH: team-000 (moved by overflow, its method unchanged ("direct"): its grants, 1152 ' +
      'bytes, no longer fit its slot of the bucket policy (1024 bytes, producer.bucket.overflowSlotBytes)): ' +
      'direct -> access point big-shared-bucket-team-000; ' +
      todo('team-000'),
  ]);
  // And back, once team-000 is narrowed again.
  const back = runMainOn(dir, write('c.json', teams(0)));
  expect(back.err.match(/^warning: CLIENTS MUST SWITCH: .*$/gm)).toEqual([
    "warning: CLIENTS MUST SWITCH: team-000 (back from overflow: its position is within the bucket policy's 18 " +
      'slot(s) and its grants fit one (1024 bytes)): access point big-shared-bucket-team-000 -> direct; its clients ' +
      'using access point big-shared-bucket-team-000 must use the bucket itself, s3://big-shared-bucket/…: the access ' +
      'point is removed at apply.',
  ]);
  // A consumer listed first shifts every position: team-017 is pushed past the last slot, though nobody edited it.
  const shifted = runMainOn(dir, write('d.json', teams(0, true)));
  expect(shifted.err.match(/^warning: CLIENTS MUST SWITCH: .*$/gm)).toEqual([
    'warning: CLIENTS MUST SWITCH: team-017 (moved by overflow, its method unchanged ("direct"): its position in the ' +
      "consumers list (18) is past the bucket policy's 18 slot(s): a consumer was added before it, or the policy's " +
      'room shrank): direct -> access point big-shared-bucket-team-017; ' +
      todo('team-017'),
  ]);
});

test('the access diff: the switch first, in the summary line, and atop the Markdown', async () => {
  const widened = compare(await access(teams(0)), await access(teams(5)));
  expect(widened.switches).toEqual([
    {
      consumer: 'team-000',
      unedited: false,
      message:
        'CLIENTS MUST SWITCH: team-000 (moved by overflow: its grants were changed and no longer fit its slot of the ' +
        'bucket policy): direct -> access point big-shared-bucket-team-000; ' +
        todo('team-000'),
    },
  ]);
  const base = await access(teams(0));
  const current = await access(teams(0, true));
  const d = compare(base, current);
  expect(d.switches).toEqual([
    {
      consumer: 'team-017',
      unedited: true,
      message:
        "CLIENTS MUST SWITCH: team-017 (moved by overflow, though nobody edited it: its position in the consumers list moved past the bucket policy's slots, or their room shrank): " +
        'direct -> access point big-shared-bucket-team-017; ' +
        todo('team-017'),
    },
  ]);
  expect(summaryLine(d)).toContain('1 route(s) changed (CLIENTS MUST SWITCH: team-017)');
  const labels = { base: 'a', current: 'b' };
  const text = consoleReport({ base, current, diff: d }, labels);
  expect(text.split('\n').slice(2, 4)).toEqual(['', d.switches[0].message]);
  const md = markdownReport({ base, current, diff: d }, labels);
  expect(md).toContain('> **⚠️ Clients must switch:** team-017 (moved by overflow, though nobody edited it');
});
