/**
 * `npm run diff` against a base that today's rules refuse (a rule tightened since it was written): the refusal says
 * the way through, and `--lenient-base` evaluates the base with the rules it breaks waived, each named as a warning.
 * A base that is not of the contract's shape is still refused.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, parseConfigLenient } from '../modules/config';
import { ROOT } from './support/synth';
import { tmpDir } from './support/run-main';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const seed = (): Raw => JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8'));
/** The seed with an External ID too short for today's rule (16 characters at least). */
const old = (): Raw => {
  const c = seed();
  c.consumers[1].externalId = 'short-id-12345';
  return c;
};

test('parseConfigLenient: a config refused only by rules is read, the rules returned; one of another shape is not', () => {
  expect(() => parseConfigLenient(seed())).not.toThrow();
  const { config, waived } = parseConfigLenient(old(), 'old.json');
  expect(config.consumers.find((c) => c.name === 'reporting')!.externalId).toBe('short-id-12345');
  expect(waived.map((p) => p.path.join('.'))).toEqual(['consumers.1.externalId']);
  expect(waived[0].message).toMatch(/shorter than 16 characters/);
  const shape = old();
  shape.consumers[0].accessLevel = 'read';
  expect(() => parseConfigLenient(shape, 'shape.json')).toThrow(ConfigError);
});

describe('npm run diff -- <refused base> <current>', () => {
  const dir = tmpDir('diff-lenient');
  fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old()));
  fs.writeFileSync(path.join(dir, 'new.json'), JSON.stringify(seed()));
  const { CROSS_ACCOUNT_CONFIG: _c, CDKTF_OUTDIR: _o, ...env } = process.env;
  const run = (...args: string[]) =>
    spawnSync(
      path.join(ROOT, 'node_modules/.bin/ts-node'),
      ['--swc', path.join(ROOT, 'modules/diff/cli.ts'), ...args],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...env, CHECKPOINT_DISABLE: '1', CROSS_ACCOUNT_CONFIG: 'new.json' },
      },
    );

  test('refused: the rule, and the way through (--lenient-base, or a folder) in the message; nothing written', () => {
    const r = run('old.json', 'new.json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('old.json: invalid config\n  - consumers[1].externalId: an External ID shorter than 16');
    expect(r.stderr).toContain("The base is refused by today's rules");
    expect(r.stderr).toContain('npm run diff -- old.json new.json --lenient-base');
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
  }, 60_000);

  test('--lenient-base: evaluated, each rule waived named as a warning and in the labels', () => {
    const r = run('old.json', 'new.json', '--lenient-base', '--format', 'json');
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([
      0,
      'diff: warning: the base old.json breaks a rule of today, waived (--lenient-base): consumers[1].externalId: an ' +
        'External ID shorter than 16 characters is too easy to guess; use a random value (e.g. `openssl rand -hex 16`)',
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.base.label).toBe('old.json (evaluated leniently: 1 rule(s) of today waived)');
    expect(json.newAccess).toBe(false);
  }, 60_000);

  test('--lenient-base does not waive the current side', () => {
    const r = run('new.json', 'old.json', '--lenient-base');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('old.json: invalid config');
  }, 60_000);
});
