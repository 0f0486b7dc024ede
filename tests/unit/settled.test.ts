import { afterEach, describe, expect, it, vi } from 'vitest';

// The module keeps one "settled" promise for the page: load a fresh copy per test.
async function freshModule() {
  vi.resetModules();
  return import('../../src/ui/layout/settled');
}

describe('whenSettled', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for markSettled', async () => {
    vi.useFakeTimers();
    const { whenSettled, markSettled } = await freshModule();
    let done = false;
    void whenSettled(60_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(false);
    markSettled();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('gives up waiting after its timeout (a failed run must not keep the offline copy away)', async () => {
    vi.useFakeTimers();
    const { whenSettled } = await freshModule();
    let done = false;
    void whenSettled(5_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('resolves at once when the page has already settled', async () => {
    const { whenSettled, markSettled } = await freshModule();
    markSettled();
    markSettled(); // a second call does nothing
    await expect(whenSettled(60_000)).resolves.toBeUndefined();
  });
});
