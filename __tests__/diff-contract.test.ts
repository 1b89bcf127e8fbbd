/**
 * Diff reads verify's structured result, never its display labels: each cell's
 * typed target, and the intent and deployed documents verify read. Relabel every
 * cell (its scope and row as the report shows them) and no fact changes; the
 * facts name the prefixes the typed targets hold.
 */
import { factsOf } from '../modules/diff';
import { verifyStacks } from '../modules/verify';
import { sideOf } from './support/diff';
import { load } from './support/synth';
import { outputOf } from './support/verify';

describe.each(['cross-account.json', 'examples/read-only-prefixes.json', 'examples/access-points.json'])(
  '%s',
  (file) => {
    test('facts come from typed targets and verify’s own intent: relabelled cells give the same facts', async () => {
      const config = load(file);
      const side = sideOf(config, outputOf(config));
      const result = await verifyStacks(side.config, side.stacks, side.routes);
      expect(result.intent.consumers.map((c) => c.name)).toEqual(config.consumers.map((c) => c.name));
      expect(result.deployed.documents.length).toBeGreaterThan(0);
      const facts = factsOf(side, result);
      const relabelled = {
        ...result,
        cells: result.cells.map((c) => ({ ...c, scope: 'a label nobody parses', row: 'another label' })),
      };
      expect(factsOf(side, relabelled)).toEqual(facts);
      // Every prefix a fact names is one a typed target of an allowed cell holds.
      const prefixes = new Set(
        result.cells.flatMap((c) =>
          c.target.kind === 'prefix' || c.target.kind === 'outside' ? [c.target.prefix] : [],
        ),
      );
      for (const f of facts.facts) if (f.prefix !== undefined) expect(prefixes.has(f.prefix)).toBe(true);
    }, 60_000);
  },
);
