/** The bench declares a target met only when every sample, the spread and the machine's load allow it. */
import { ratioOf, verdict } from '../bench/report';
import type { Measurement, Results } from '../bench/results';

const side = (name: Measurement['side'], walls: number[], load = 0.2): Measurement => {
  const s = [...walls].sort((a, b) => a - b);
  const median = s[(s.length - 1) >> 1];
  return {
    side: name,
    status: 'ok',
    timeoutS: 300,
    samples: walls.map((wallMs, i) => ({
      status: 'ok',
      wallMs,
      loadBefore: load,
      loadAfter: load,
      round: i + 1,
      position: 0,
    })),
    wall: { median, min: s[0], max: s[s.length - 1], spread: (s[s.length - 1] - s[0]) / median },
  };
};
const results = (ms: Measurement[], rounds = 3): Results =>
  ({
    machine: { cores: 2 },
    settings: { rounds, maxSpread: 0.25, maxLoadPerCore: 0.5 },
    rows: [{ n: 1000, configBytes: 0, sides: Object.fromEntries(ms.map((m) => [m.side, m])), fit: {} }],
  }) as unknown as Results;

const judge = (ours: Measurement, floor: Measurement, rounds = 3) =>
  verdict(results([ours, floor], rounds), ratioOf(ours, floor), 5, [ours, floor]);

test('met: every sample within the bound, narrow spread, quiet machine', () => {
  expect(judge(side('ours', [400, 410, 420]), side('floor', [100, 101, 102]))).toMatchObject({ met: true });
});

test('NOT met: every sample above the bound', () => {
  const v = judge(side('ours', [700, 710, 720]), side('floor', [100, 101, 102]));
  expect(v.met).toBe(false);
  expect(v.text).toMatch(/^\*\*NOT met\*\*: 7\.\d+× \(6\.\d+–7\.\d+\)/);
});

test('not decided: the ratio range straddles the bound', () => {
  const v = judge(side('ours', [450, 480, 520]), side('floor', [95, 100, 104]));
  expect(v).toMatchObject({ met: undefined });
  expect(v.text).toContain('straddles 5×');
});

test('not decided: a spread too wide, named', () => {
  const v = judge(side('ours', [200, 300, 420]), side('floor', [100, 101, 102]));
  expect(v.met).toBeUndefined();
  expect(v.text).toMatch(/spread too wide \(ours 7\d%/);
});

test('not decided: a busy machine, or fewer than 3 samples', () => {
  expect(judge(side('ours', [400, 410, 420], 3), side('floor', [100, 101, 102], 3)).text).toContain(
    'the machine was busy',
  );
  expect(judge(side('ours', [400]), side('floor', [100]), 1).text).toContain('a smoke run');
});
