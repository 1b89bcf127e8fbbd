/**
 * The pages a user reads: every relative link (README.md, BENCHMARKS.md, docs/) names a file of
 * the repository. A page moved to docs/ keeps its links written from the root otherwise, unseen.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const pages = ['README.md', 'BENCHMARKS.md', ...fs.readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter(
  (f) => f.endsWith('.md'),
);

/** Relative targets of markdown links `[text](target)`, without their #anchor. */
function relativeLinks(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1].split('#')[0];
    if (target && !/^[a-z]+:/i.test(target)) out.push(target);
  }
  return out;
}

test('the link reader finds relative links and leaves addresses and anchors', () => {
  expect(relativeLinks('[a](docs/x.md) [b](https://aws.amazon.com) [c](#top) [d](y.md#part) [e](mailto:a@b)')).toEqual([
    'docs/x.md',
    'y.md',
  ]);
});

test.each(pages)('%s: every relative link names a file', (page) => {
  const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
  const broken = relativeLinks(text).filter((t) => !fs.existsSync(path.join(ROOT, path.dirname(page), t)));
  expect(broken).toEqual([]);
});
