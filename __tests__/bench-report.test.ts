/**
 * The bench declares a target met only when every sample judged (from five on, all but the fastest and the slowest),
 * the spread and the machine's load allow it.
 */
import { ratioOf, rerunSection, verdict } from '../bench/report';
import type { Measurement, Results } from '../bench/results';
import { statsOf } from '../bench/stats';

const side = (name: Measurement['side'], walls: number[], load = 0.2, others?: number): Measurement => {
  const s = [...walls].sort((a, b) => a - b);
  const median = s[(s.length - 1) >> 1];
  return {
    side: name,
    status: 'ok',
    timeoutS: 300,
    samples: walls.map((wallMs, i) => ({
      status: 'ok',
      wallMs,
      ...(others !== undefined ? { othersShare: others } : {}),
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
    settings: { rounds, maxSpread: 0.25, maxOthersShare: 0.1 },
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

test('not decided: other work took more than 10% of the machine during one sample; a high load alone does not count', () => {
  const busy = judge(side('ours', [400, 410, 420], 2, 0.04), side('floor', [100, 101, 102], 2, 0.12));
  expect(busy).toMatchObject({ met: undefined });
  expect(busy.text).toContain('other work took up to 12% of the machine during a sample (> 10%)');
  // The bench's own previous sample keeps the 1-minute load above 1 on 2 cores: not a reason.
  expect(judge(side('ours', [400, 410, 420], 3, 0.05), side('floor', [100, 101, 102], 3, 0.03))).toMatchObject({
    met: true,
  });
});

test('runs from before the others share was measured: decided on the load (0.5 per core unless set)', () => {
  expect(judge(side('ours', [400, 410, 420], 3), side('floor', [100, 101, 102], 3)).text).toContain(
    'the machine was busy',
  );
  expect(judge(side('ours', [400]), side('floor', [100]), 1).text).toContain('a smoke run');
});

test('a re-run: its median within the range before, and both ways; each says so when not', () => {
  const run = (ours: number[], floor: number[]) => results([side('ours', ours), side('floor', floor)]);
  const before = run([400, 420, 440], [100, 101, 102]);
  const same = rerunSection(run([410, 425, 450], [99, 100, 103]), before).join('\n');
  expect(same).toContain('## Against the run before');
  expect(same).toMatch(/\| synth ÷ floor \| 1,000 \| 4\.16× \(3\.92–4\.40\) \| 4\.25× \([\d.–]+\) \| yes \| agrees \|/);
  const slower = rerunSection(run([600, 610, 620], [100, 101, 102]), before).join('\n');
  expect(slower).toContain('| **no** | **differs** |');
  // Inside the range before, but the run before's median outside this run's narrow range: one way only.
  const narrow = rerunSection(run([437, 438, 439], [100, 100, 100]), before).join('\n');
  expect(narrow).toMatch(/\| 4\.38× \(4\.37–4\.39\) \| yes \| \*\*differs\*\* \|/);
  expect(rerunSection(before, undefined)).toEqual([]);
});

test('a re-run says what moved: ours, the floor and Node start-up in ms, and ours beyond the floor', () => {
  const before = results([
    side('ours', [480, 488, 500]),
    side('floor', [110, 112, 118]),
    side('startup', [40, 42, 45]),
  ]);
  const slowStart = results([side('ours', [520, 530, 540]), side('floor', [150, 155, 160]), side('startup', [80, 85])]);
  const text = rerunSection(slowStart, before).join('\n');
  expect(text).toContain('| N | ours | floor | Node start-up | ours − floor |');
  expect(text).toContain('| 1,000 | 488 ms → 530 ms | 112 ms → 155 ms | 42 ms → 80 ms | 376 ms → 375 ms |');
  // A run from before the start-up side: its column says so.
  const old = results([side('ours', [480, 488, 500]), side('floor', [110, 112, 118])]);
  expect(rerunSection(slowStart, old).join('\n')).toContain(
    '| 1,000 | 488 ms → 530 ms | 112 ms → 155 ms | – → 80 ms |',
  );
});

describe('five samples or more: the fastest and the slowest are left out of the range', () => {
  const judged = (walls: number[], floor: number[]) => {
    const m = (name: Measurement['side'], w: number[]): Measurement => ({
      ...side(name, w),
      wall: statsOf(w)!,
    });
    return judge(m('ours', walls), m('floor', floor), walls.length);
  };

  test('one slow sample each no longer decides; the median is that of all', () => {
    expect(statsOf([400, 640, 410, 420, 405])).toEqual({
      median: 410,
      min: 405,
      max: 420,
      spread: 15 / 410,
      trimmed: 1,
      all: { min: 400, max: 640 },
    });
    expect(judged([400, 640, 410, 420, 405], [100, 130, 101, 102, 100])).toMatchObject({ met: true });
    // Three samples: the slow one decides (spread too wide), as before.
    expect(judge(side('ours', [400, 640, 410]), side('floor', [100, 101, 102])).text).toMatch(/spread too wide/);
  });

  test('two slow samples of five still widen it: not decided', () => {
    expect(judged([400, 640, 630, 420, 405], [100, 101, 102, 100, 101]).text).toMatch(/spread too wide \(ours/);
  });

  test('a side past the bound in its middle samples is still NOT met or not decided, never met', () => {
    expect(judged([600, 610, 620, 900, 100], [100, 101, 102, 100, 101])).toMatchObject({ met: false });
    expect(judged([480, 505, 500, 490, 510], [100, 101, 102, 100, 101]).met).toBeUndefined();
  });
});
