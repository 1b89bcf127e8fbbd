/**
 * A stack of the previous output that this synth no longer makes: synth warns, naming the stack, its state and
 * the commands to destroy or keep its resources; under the cdktf CLI it leaves the CLI an empty folder to delete.
 * (The real CLI runs in cdktf-cli.test.ts.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { runMainOn, tmpDir } from './support/run-main';
import { readJson } from './support/synth';

const write = (dir: string, name: string, config: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
};
const stacksIn = (dir: string) => fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).sort();
/** multi-account.json, one stack per account, without the ml account's consumers. */
const perAccount = (withMl: boolean) => {
  const c = readJson('examples/multi-account.json');
  c.stacks = 'per-account';
  if (!withMl) {
    c.consumers = c.consumers.filter((x: { accountId: string }) => x.accountId !== '300000000003');
    delete c.accounts['300000000003'];
  }
  return c;
};
// What the cdktf CLI sets for the app it runs (cdktf-cli 0.21).
const CLI_ENV = { CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }) };

describe('a stack gone from the config', () => {
  test('removing an account: a warning naming the stack, its state file, and how to destroy or keep it', () => {
    const dir = tmpDir('vanished', 'remove');
    expect(runMainOn(dir, write(dir, 'a.json', perAccount(true))).code).toBe(0);
    const r = runMainOn(dir, write(dir, 'b.json', perAccount(false)));
    expect(r.code).toBe(0);
    const state = path.relative(process.cwd(), path.join(dir, 'terraform.consumer-ml.tfstate'));
    expect(r.err).toContain(
      `warning: stack consumer-ml was in the previous ${path.join(dir, 'cdktf.out')} and is not in this one: ` +
        `nothing destroys its resources; they stay in AWS, recorded in its state (local file ${state}).\n` +
        '  to destroy them: put back the config that made it (git stash, or the previous file), run ' +
        '`npx cdktf destroy consumer-ml`, then make this change again\n' +
        `  to keep them, no longer managed here: delete ${state} (AWS is not touched)\n`,
    );
    expect(r.err.match(/^warning: stack /gm)).toHaveLength(1);
    // Run directly, the old folder is simply gone.
    expect(stacksIn(dir)).toEqual(['consumer-ingest', 'producer']);
  });

  test('switching the layout: each stack of the other layout is named, once', () => {
    const dir = tmpDir('vanished', 'switch');
    expect(runMainOn(dir, write(dir, 'a.json', perAccount(true))).code).toBe(0);
    const single = runMainOn(dir, write(dir, 'b.json', { ...perAccount(true), stacks: 'single' }));
    expect(single.err.match(/^warning: stack (\S+)/gm)).toEqual([
      'warning: stack consumer-ingest',
      'warning: stack consumer-ml',
      'warning: stack producer',
    ]);
    expect(single.err).toContain('the `stacks` layout switched');
    const back = runMainOn(dir, write(dir, 'c.json', perAccount(true)));
    expect(back.err.match(/^warning: stack (\S+)/gm)).toEqual(['warning: stack cross-account']);
    // Unchanged stacks: nothing to say.
    expect(runMainOn(dir, write(dir, 'd.json', perAccount(true))).err).not.toMatch(/warning: stack/);
  });

  test('remote state is named as the previous output recorded it: the Terraform Cloud workspace', () => {
    const dir = tmpDir('vanished', 'cloud');
    const c = readJson('examples/per-account-cloud.json');
    expect(runMainOn(dir, write(dir, 'a.json', c)).code).toBe(0);
    c.consumers = c.consumers.filter((x: { accountId: string }) => x.accountId !== '333333333333');
    delete c.accounts['333333333333'];
    const r = runMainOn(dir, write(dir, 'b.json', c));
    expect(r.err).toContain(
      'recorded in its state (Terraform Cloud workspace s3-share-consumer-exports (organization acme)).',
    );
    expect(r.err).toContain('to keep them, no longer managed here: delete that workspace without destroying');
  });

  test('run by the cdktf CLI: warnings on stdout (the CLI drops stderr), an empty folder left for it to delete', () => {
    const dir = tmpDir('vanished', 'cli');
    expect(runMainOn(dir, write(dir, 'a.json', perAccount(true)), CLI_ENV).code).toBe(0);
    const r = runMainOn(dir, write(dir, 'b.json', perAccount(false)), CLI_ENV);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^warning: stack consumer-ml was in the previous /m);
    expect(stacksIn(dir)).toEqual(['consumer-ingest', 'consumer-ml', 'producer']);
    expect(fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks', 'consumer-ml'))).toEqual([]);
    // Had the CLI not deleted it, the next synth says nothing more of it, and drops it.
    const again = runMainOn(dir, write(dir, 'c.json', perAccount(false)));
    expect(again.err).not.toMatch(/warning: stack/);
    expect(stacksIn(dir)).toEqual(['consumer-ingest', 'producer']);
  });
});
