/**
 * One ensemble split across threads over shared memory must equal the
 * one-thread ensemble exactly (MODEL.md section 5: member i is the same
 * however members are split between workers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsembleThreads, SHARED_FROM_RUNS } from '../../src/cli/ensembleThreads';
import { TURNS_FROM_RUNS, runEnsemble } from '../../src/model/ensemble';
import { chunkPlan, partRange, runSharedPart, SharedEnsembleAborted, sharedEnsembleJob } from '../../src/model/sharedEnsemble';
import type { Scenario } from '../../src/model/types';

const scenario = (over: Partial<Scenario> = {}): Scenario => ({
  id: 't', title: '', summary: '', quotes: [], interpretation: 'reallocation', response: 'mixed', policy: { kind: 'trigger' },
  horizonMonths: 12, parameters: {}, injects: [
    { id: 'shock', month: 4, title: 'A hospital attack', effects: [{ type: 'sectorShock', sector: 'health', factor: 1.6, months: 3 }] },
  ], ...over,
});

// JSON text compares every number exactly, NaN and key order included.
const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

describe('partRange', () => {
  it('splits the members into contiguous blocks that differ in size by at most one', () => {
    for (const runs of [1, 2, 3, 100, 1001, 99_999]) {
      for (const parts of [1, 2, 3, 7]) {
        let next = 0;
        const sizes: number[] = [];
        for (let p = 0; p < parts; p++) {
          const { from, count } = partRange(runs, parts, p);
          expect(from).toBe(next);
          next = from + count;
          sizes.push(count);
        }
        expect(next).toBe(runs);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('chunkPlan', () => {
  it('keeps every month in memory when it fits, else double-buffers chunks, else takes a month’s series in groups', () => {
    expect(chunkPlan(1_000, 24)).toEqual({ months: 25, buffers: 1, groups: 1 });
    expect(chunkPlan(10_000, 24)).toEqual({ months: 25, buffers: 1, groups: 1 });
    expect(chunkPlan(20_000, 24)).toMatchObject({ buffers: 2, groups: 1 });
    expect(chunkPlan(20_000, 24).months).toBeGreaterThan(1);
    // 100,000 members: a month's 23 series take 18.4 MB; two months in one buffer, stepped in turns.
    expect(chunkPlan(100_000, 24)).toEqual({ months: 2, buffers: 1, groups: 1 });
    expect(chunkPlan(100_000, 24, 3 * 18_400_000)).toEqual({ months: 3, buffers: 1, groups: 1 });
    expect(chunkPlan(100_000, 24, 4 * 18_400_000)).toEqual({ months: 2, buffers: 2, groups: 1 });
    expect(chunkPlan(100_000, 24, 18_400_000)).toEqual({ months: 1, buffers: 1, groups: 1 });
    expect(chunkPlan(100_000, 24, 8 * 2 ** 20)).toMatchObject({ months: 1, buffers: 1 });
    expect(chunkPlan(100_000, 24, 8 * 2 ** 20).groups).toBeGreaterThan(1);
    // Never more shared memory for series than the budget, or one series of one month when that alone is more.
    for (const budget of [64 * 2 ** 10, 2 ** 20, 8 * 2 ** 20, 32 * 2 ** 20]) {
      for (const runs of [1, 500, 1_000, 7_000, 10_000, 50_000, 100_000]) {
        const { months, buffers, groups } = chunkPlan(runs, 24, budget);
        expect(months).toBeGreaterThanOrEqual(1);
        expect(months).toBeLessThanOrEqual(25);
        expect(groups).toBeGreaterThanOrEqual(1);
        expect(groups).toBeLessThanOrEqual(23);
        const bytes = months * buffers * Math.ceil(23 / groups) * 8 * runs;
        expect(bytes).toBeLessThanOrEqual(Math.max(budget, 8 * runs));
      }
    }
  });
});

describe('one shared part', () => {
  it('equals runEnsemble, with and without noise', () => {
    for (const noise of [false, true]) {
      const options = { runs: 250, seed: 'shared', noise };
      same(runSharedPart(sharedEnsembleJob(scenario(), options, 1), 0), runEnsemble(scenario(), options));
    }
  });

  it('reuses an earlier buffer that is large enough, and gives the same numbers', () => {
    const first = sharedEnsembleJob(scenario(), { runs: 300, seed: 1 }, 1);
    runSharedPart(first, 0);
    const second = sharedEnsembleJob(scenario({ response: 'free-hits' }), { runs: 200, seed: 2 }, 1, { reuse: first.buffer });
    expect(second.buffer).toBe(first.buffer);
    same(runSharedPart(second, 0), runEnsemble(scenario({ response: 'free-hits' }), { runs: 200, seed: 2 }));
  });

  it('refuses bad input with the same messages as runEnsemble', () => {
    expect(() => sharedEnsembleJob(scenario(), { runs: 0, seed: 1 }, 2)).toThrow(/runs/);
    expect(() => sharedEnsembleJob(scenario({ horizonMonths: 1000 }), { runs: 100, seed: 1 }, 2)).toThrow(/horizon/i);
    expect(() => sharedEnsembleJob(scenario(), { runs: 100, seed: 1 }, 0)).toThrow(/parts/);
  });

  it('stops waiting, with a message, when another part never arrives', () => {
    const job = sharedEnsembleJob(scenario(), { runs: 200, seed: 1 }, 2, { timeoutMs: 300 });
    expect(() => runSharedPart(job, 0)).toThrow(SharedEnsembleAborted);
    expect(() => runSharedPart(job, 0)).toThrow(/another part|did not arrive/);
  });
});

describe('EnsembleThreads (two threads)', () => {
  let threads: EnsembleThreads;
  beforeAll(async () => {
    threads = await EnsembleThreads.start(2);
  }, 60_000);
  afterAll(() => threads?.close());

  it('gives exactly runEnsemble’s summary, with and without noise, for several worlds', () => {
    expect(threads.threads).toBe(2);
    for (const [interpretation, response] of [['reallocation', 'mixed'], ['deprioritized', 'free-hits'], ['diplomatic', 'restraint']] as const) {
      for (const noise of [false, true]) {
        const s = scenario({ interpretation, response });
        const options = { runs: 1_001, seed: `${interpretation}/${response}`, noise };
        same(threads.run(s, options), runEnsemble(s, options));
      }
    }
  }, 60_000);

  it('gives the same summary when the months come in chunks, one buffer or two, or a month’s series in groups', async () => {
    const s = scenario({ horizonMonths: 24 });
    const options = { runs: 1_000, seed: 'chunks', noise: true };
    const expected = JSON.stringify(runEnsemble(s, options));
    // 23 series × 1,000 members × 8 bytes = 184,000 bytes a month.
    const plans = [
      [184_000 * 7, { months: 3, buffers: 2, groups: 1 }],
      [184_000 * 3, { months: 3, buffers: 1, groups: 1 }],
      [184_000, { months: 1, buffers: 1, groups: 1 }],
      [184_000 / 3, { months: 1, buffers: 1, groups: 4 }], // 7 series a turn,
    ] as const;
    for (const [budget, plan] of plans) {
      expect(chunkPlan(1_000, 24, budget)).toEqual(plan);
      const chunked = await EnsembleThreads.start(2, budget);
      try {
        expect(JSON.stringify(chunked.run(s, options))).toBe(expected);
      } finally {
        await chunked.close();
      }
    }
  }, 60_000);

  it('gives the same summary when each part steps its members in turns through chunks of months', async () => {
    // Parts of at least TURNS_FROM_RUNS members step in turns (stepMonths); 3 months a chunk, two buffers.
    const runs = 2 * TURNS_FROM_RUNS + 301;
    const s = scenario({ horizonMonths: 12 });
    const options = { runs, seed: 'turns', noise: true };
    const budget = 23 * runs * 8 * 6;
    expect(chunkPlan(runs, 12, budget)).toEqual({ months: 3, buffers: 2, groups: 1 });
    const chunked = await EnsembleThreads.start(2, budget);
    try {
      same(chunked.run(s, options), runEnsemble(s, options));
    } finally {
      await chunked.close();
    }
  }, 60_000);

  it('gives the same summary on three threads, which take the series in whatever order they get to them', async () => {
    const three = await EnsembleThreads.start(3, 184_000 * 7); // 1,000 members: 3 months a chunk, two buffers
    try {
      for (const noise of [false, true]) {
        const s = scenario({ horizonMonths: 24 });
        const options = { runs: 1_000, seed: 'three', noise };
        same(three.run(s, options), runEnsemble(s, options));
      }
    } finally {
      await three.close();
    }
  }, 60_000);

  it('runs small ensembles on one thread, with the same result', () => {
    const options = { runs: SHARED_FROM_RUNS - 1, seed: 3 };
    same(threads.run(scenario(), options), runEnsemble(scenario(), options));
  });
});
