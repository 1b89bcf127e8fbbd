/**
 * Overflow moves a consumer nobody edited: widening team-000's prefixes fills the bucket policy, and team-025,
 * placed after it in config order, moves from direct to an access point; its clients using s3://bucket/… stop
 * working at apply. Synth (against the previous output's plan.json) and the access diff say so loudly: whose
 * clients must switch, and to which access point ARN (and the output holding its alias).
 */
import * as fs from 'fs';
import * as path from 'path';
import { compare, consoleReport, markdownReport, summaryLine } from '../modules/diff';
import { access, Raw } from './support/diff';
import { runMainOn, tmpDir } from './support/run-main';

const pad = (i: number) => String(i).padStart(3, '0');
/** 30 consumers of one account, the bucket policy nearly full at the real 20 KB; team-000 on 1 + `extra` prefixes. */
const teams = (extra: number): Raw => ({
  region: 'us-east-1',
  accounts: { '222222222222': { profile: 'p' }, '111111111111': { profile: 'c' } },
  producer: {
    accountId: '222222222222',
    bucket: { name: 'big-shared-bucket', encryption: { type: 's3' }, overflow: 'access-points' },
  },
  consumers: Array.from({ length: 30 }, (_, i) => ({
    name: `team-${pad(i)}`,
    accountId: '111111111111',
    role: { name: `Team${pad(i)}`, existing: true },
    access: i % 3 === 0 ? 'read-write' : 'read',
    prefixes: i === 0 ? Array.from({ length: 1 + extra }, (_, k) => `team-000/p${k}/`) : [`team-${pad(i)}/`],
  })),
});
const ARN = 'arn:aws:s3:us-east-1:222222222222:accesspoint/big-shared-bucket-team-025';
const TODO =
  `its clients using s3://big-shared-bucket/… are refused once this is applied: they must use the access point ` +
  `${ARN} where the bucket name goes (s3://${ARN}/<key>), or its alias ` +
  '(terraform output -raw access_point_team_025_alias, once applied).';

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
  expect(r.err.match(/^warning: CLIENTS MUST SWITCH: .*$/gm)).toEqual([
    'warning: CLIENTS MUST SWITCH: team-025 (moved by overflow, its method unchanged ("direct"): the bucket ' +
      'policy is full, maybe by a change to another consumer): direct -> access point big-shared-bucket-team-025; ' +
      TODO,
  ]);
  // And back, once team-000 is narrowed again.
  const back = runMainOn(dir, write('c.json', teams(0)));
  expect(back.err).toContain(
    'warning: CLIENTS MUST SWITCH: team-025 (back from overflow: the bucket policy has room for it again): ' +
      'access point big-shared-bucket-team-025 -> direct; its clients using access point big-shared-bucket-team-025 ' +
      'must use the bucket itself, s3://big-shared-bucket/…: the access point is removed at apply.',
  );
});

test('the access diff: the switch first, in the summary line, and atop the Markdown', async () => {
  const base = await access(teams(0));
  const current = await access(teams(5));
  const d = compare(base, current);
  expect(d.switches).toEqual([
    {
      consumer: 'team-025',
      unedited: true,
      message:
        'CLIENTS MUST SWITCH: team-025 (moved by overflow, though nobody edited it: another change filled the ' +
        'bucket policy): direct -> access point big-shared-bucket-team-025; ' +
        TODO,
    },
  ]);
  expect(summaryLine(d)).toContain('1 route(s) changed (CLIENTS MUST SWITCH: team-025)');
  const labels = { base: 'a', current: 'b' };
  const text = consoleReport({ base, current, diff: d }, labels);
  expect(text.split('\n').slice(2, 4)).toEqual(['', d.switches[0].message]);
  const md = markdownReport({ base, current, diff: d }, labels);
  expect(md).toContain('> **⚠️ Clients must switch:** team-025 (moved by overflow, though nobody edited it');
});
