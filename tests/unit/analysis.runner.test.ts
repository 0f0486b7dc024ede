import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisEngine } from '../../src/analysis/jobs';
import { SplitGridRunner, SyncAnalysisRunner, WorkerAnalysisRunner, createAnalysisRunner, gridRunnerFor } from '../../src/analysis/runner';
import { WORLD_IDS } from '../../src/analysis/worlds';
import { METRIC_IDS } from '../../src/analysis/metrics';
import type { AnalysisReply, AnalysisRequest } from '../../src/worker/protocol';
import { scenario } from './analysis.helpers';

const ensemble = { runs: 40, seed: 'runner', noise: false };

describe('AnalysisEngine', () => {
  it('runs every kind of job', () => {
    const engine = new AnalysisEngine();
    const s = scenario({ horizonMonths: 6 });
    expect(engine.run({ kind: 'tornado', scenario: s }).kind).toBe('tornado');
    expect(engine.run({ kind: 'ranking', scenario: s, ensemble }).kind).toBe('ranking');
    expect(engine.run({ kind: 'policies', scenario: s, ensemble, policies: ['none', 'indefinite'] }).kind).toBe('policies');
    const sp = engine.run({ kind: 'signposts', scenario: s, ensemble, observations: [], priors: {} });
    expect(sp.kind === 'signposts' && sp.value.members).toBe(9 * 40);
  });

  it('reuses the all-worlds ensemble while only observations and priors change', () => {
    const engine = new AnalysisEngine();
    const s = scenario({ horizonMonths: 6 });
    engine.run({ kind: 'signposts', scenario: s, ensemble, observations: [], priors: {} });
    const cached = (engine as unknown as { cache: { ensemble: unknown } }).cache.ensemble;
    engine.run({ kind: 'signposts', scenario: s, ensemble, observations: [{ sector: 'health', month: 1, count: 20 }], priors: { 'diplomatic/restraint': 3 } });
    expect((engine as unknown as { cache: { ensemble: unknown } }).cache.ensemble).toBe(cached);
    engine.run({ kind: 'signposts', scenario: { ...s, horizonMonths: 7 }, ensemble, observations: [], priors: {} });
    expect((engine as unknown as { cache: { ensemble: unknown } }).cache.ensemble).not.toBe(cached);
  });
});

describe('SyncAnalysisRunner', () => {
  it('answers at once, and reports errors as messages', () => {
    const runner = new SyncAnalysisRunner();
    const onResult = vi.fn();
    runner.request({ kind: 'tornado', scenario: scenario() }, { onResult, onError: () => {} });
    expect(onResult).toHaveBeenCalledOnce();
    expect(onResult.mock.calls[0][0].rows.length).toBeGreaterThan(10);
    const onError = vi.fn();
    runner.request({ kind: 'tornado', scenario: scenario({ horizonMonths: 2 }) }, { onResult, onError });
    expect(onError.mock.calls[0][0]).toMatch(/horizonMonths/);
  });
});

/** A stand-in Worker: records posted requests; the test answers them by hand. */
class FakeWorker {
  static last: FakeWorker | null = null;
  static all: FakeWorker[] = [];
  posted: AnalysisRequest[] = [];
  onmessage: ((e: MessageEvent<AnalysisReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.last = this;
    FakeWorker.all.push(this);
  }
  postMessage(m: AnalysisRequest) {
    this.posted.push(m);
  }
  reply(m: AnalysisReply) {
    this.onmessage?.({ data: m } as MessageEvent<AnalysisReply>);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('WorkerAnalysisRunner', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs one job at a time; latest wins per kind; superseded results are dropped', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const runner = createAnalysisRunner();
    expect(runner).toBeInstanceOf(WorkerAnalysisRunner);
    const w = FakeWorker.last!;
    const got: string[] = [];
    const cb = (name: string) => ({ onResult: () => got.push(name), onError: (m: string) => got.push(`${name} error ${m}`), onProgress: (f: number) => got.push(`${name} ${f}`) });
    runner.request({ kind: 'policies', scenario: scenario(), ensemble, policies: [] }, cb('policies#1'));
    runner.request({ kind: 'tornado', scenario: scenario() }, cb('tornado#1'));
    runner.request({ kind: 'tornado', scenario: scenario() }, cb('tornado#2'));
    runner.request({ kind: 'policies', scenario: scenario(), ensemble, policies: [] }, cb('policies#2'));
    expect(w.posted.map((p) => p.job.kind)).toEqual(['policies']);
    // The first policy grid finishes after a newer one was asked for: dropped, progress too.
    w.reply({ id: 1, kind: 'progress', done: 1, total: 2 });
    w.reply({ id: 1, kind: 'result', result: { kind: 'policies', value: {} as never }, ms: 1 });
    expect(got).toEqual([]);
    // Next in line: the latest tornado (the kind asked for first among those waiting), then the latest grid.
    expect(w.posted.map((p) => p.job.kind)).toEqual(['policies', 'tornado']);
    w.reply({ id: 999, kind: 'result', result: { kind: 'tornado', value: {} as never }, ms: 1 }); // stale id: ignored
    w.reply({ id: 2, kind: 'result', result: { kind: 'tornado', value: {} as never }, ms: 1 });
    w.reply({ id: 3, kind: 'progress', done: 1, total: 4 });
    w.reply({ id: 3, kind: 'error', message: 'boom' });
    expect(got).toEqual(['tornado#2', 'policies#2 0.25', 'policies#2 error boom']);
    runner.dispose();
    expect(w.terminated).toBe(true);
  });

  it('with two workers, runs two jobs at once, keeps signposts on the first, and splits the grid', () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.all = [];
    const runner = new WorkerAnalysisRunner(2);
    const [w0, w1] = FakeWorker.all;
    const got: string[] = [];
    let merged: { values: Record<string, number[][]> } | undefined;
    const cb = (name: string) => ({ onResult: (v: unknown, ms: number) => { got.push(`${name} ${ms}`); if (name === 'grid') merged = v as typeof merged; }, onError: () => {} });
    runner.request({ kind: 'tornado', scenario: scenario() }, cb('tornado'));
    runner.request({ kind: 'ranking', scenario: scenario(), ensemble }, cb('ranking'));
    runner.request({ kind: 'signposts', scenario: scenario(), ensemble, observations: [], priors: {} }, cb('signposts'));
    gridRunnerFor(runner).request({ kind: 'policies', scenario: scenario(), ensemble, policies: [] }, cb('grid'));
    expect(w0.posted.map((p) => p.job.kind)).toEqual(['tornado']);
    expect(w1.posted.map((p) => p.job.kind)).toEqual(['ranking']);
    // The second worker frees up first: it skips the signposts (the first worker's) and takes a grid part.
    w1.reply({ id: 2, kind: 'result', result: { kind: 'ranking', value: {} as never }, ms: 5 });
    expect(w1.posted.map((p) => p.job.kind)).toEqual(['ranking', 'policies']);
    w0.reply({ id: 1, kind: 'result', result: { kind: 'tornado', value: {} as never }, ms: 1 });
    expect(w0.posted.map((p) => p.job.kind)).toEqual(['tornado', 'signposts']);
    const parts = [w1.posted[1], ...w0.posted.slice(2), ...w1.posted.slice(2)];
    expect(parts).toHaveLength(1);
    w0.reply({ id: w0.posted[1].id, kind: 'result', result: { kind: 'signposts', value: {} as never }, ms: 7 });
    // The other grid part goes to the first worker once it is free.
    expect(w0.posted[2].job.kind).toBe('policies');
    const worlds = [w1.posted[1], w0.posted[2]].map((p) => (p.job as { worlds: string[] }).worlds);
    expect(worlds.flat()).toHaveLength(9);
    const row = (w: string[]) => [[...Array(9)].map((_, i) => (w.includes(WORLD_IDS[i]) ? i : NaN))];
    const grid = (w: string[]) => ({ kind: 'policies', value: { runs: 1, values: Object.fromEntries(METRIC_IDS.map((m) => [m, row(w)])) } }) as never;
    w1.reply({ id: w1.posted[1].id, kind: 'result', result: grid(worlds[0]), ms: 30 });
    w0.reply({ id: w0.posted[2].id, kind: 'result', result: grid(worlds[1]), ms: 20 });
    expect(got).toEqual(['ranking 5', 'tornado 1', 'signposts 7', 'grid 30']);
    expect(merged?.values.incidents[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    runner.dispose();
    expect(w0.terminated && w1.terminated).toBe(true);
  });

  it('with two workers, drops an older job that finishes after a newer one of its kind has started', () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.all = [];
    const runner = new WorkerAnalysisRunner(2);
    const [w0, w1] = FakeWorker.all;
    const got: string[] = [];
    const cb = (name: string) => ({ onResult: () => got.push(name), onError: () => got.push(`${name} error`), onProgress: () => got.push(`${name} progress`) });
    runner.request({ kind: 'ranking', scenario: scenario(), ensemble: { ...ensemble, noise: true } }, cb('ranking, noise on'));
    runner.request({ kind: 'ranking', scenario: scenario(), ensemble }, cb('ranking, noise off'));
    // Both are running at once, the newer on the second worker; it finishes first.
    expect([w0.posted.length, w1.posted.length]).toEqual([1, 1]);
    w1.reply({ id: w1.posted[0].id, kind: 'result', result: { kind: 'ranking', value: {} as never }, ms: 1 });
    w0.reply({ id: w0.posted[0].id, kind: 'progress', done: 1, total: 2 });
    w0.reply({ id: w0.posted[0].id, kind: 'result', result: { kind: 'ranking', value: {} as never }, ms: 1 });
    expect(got).toEqual(['ranking, noise off']);
    runner.dispose();
  });

  it('sends plain data (no proxies) to the worker', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const runner = new WorkerAnalysisRunner();
    const s = scenario();
    runner.request({ kind: 'tornado', scenario: s }, { onResult: () => {}, onError: () => {} });
    expect(FakeWorker.last!.posted[0].job).toEqual({ kind: 'tornado', scenario: s });
    expect((FakeWorker.last!.posted[0].job as { scenario: unknown }).scenario).not.toBe(s);
  });

  it('falls back to the synchronous runner without module workers', () => {
    vi.stubGlobal('Worker', undefined);
    expect(createAnalysisRunner()).toBeInstanceOf(SyncAnalysisRunner);
  });
});

describe('SplitGridRunner', () => {
  const job = { kind: 'policies' as const, scenario: scenario({ horizonMonths: 6 }), ensemble, policies: ['none', 'indefinite', 'fixed-3'] };

  it('deals the worlds between runners and merges the parts into the whole grid', () => {
    const whole = new AnalysisEngine().run(job);
    const onResult = vi.fn();
    new SplitGridRunner([new SyncAnalysisRunner(), new SyncAnalysisRunner()]).request(job, { onResult, onError: () => {} });
    expect(onResult).toHaveBeenCalledOnce();
    expect(onResult.mock.calls[0][0]).toEqual(whole.value);
  });

  it('drops the parts of a superseded request, reports the first error once, and averages progress', () => {
    // Runners that hold their callbacks until the test releases them.
    const held: { worlds?: string[]; cb: { onResult: (v: unknown, ms: number) => void; onError: (m: string) => void; onProgress?: (f: number) => void } }[] = [];
    const holding = () => ({ request: (j: { worlds?: string[] }, cb: (typeof held)[number]['cb']) => void held.push({ worlds: j.worlds, cb }), dispose: () => {} });
    const split = new SplitGridRunner([holding(), holding()] as never);
    const first = { onResult: vi.fn(), onError: vi.fn(), onProgress: vi.fn() };
    split.request(job, first);
    expect(held.map((h) => h.worlds?.length)).toEqual([5, 4]);
    held[0].cb.onProgress?.(1);
    expect(first.onProgress).toHaveBeenLastCalledWith(0.5);
    const second = { onResult: vi.fn(), onError: vi.fn() };
    split.request(job, second);
    held[0].cb.onResult({}, 10); // a part of the superseded request
    expect(first.onResult).not.toHaveBeenCalled();
    held[2].cb.onError('broken');
    held[3].cb.onError('broken too');
    expect(second.onError).toHaveBeenCalledOnce();
    expect(second.onError).toHaveBeenCalledWith('broken');
  });
});
