/** Hand-made Band / Run / EnsembleSummary fixtures with round, recognisable numbers. */
import { SECTOR_IDS, type SectorId } from '../../../src/model/parameters';
import type { Band, Dist, EnsembleSummary, Run } from '../../../src/model/types';

// Chart components use bind:clientWidth, which needs a ResizeObserver (jsdom has none).
if (!('ResizeObserver' in globalThis)) {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

export const H = 4;

/** A band whose median is `mid[m]`, with p25/p75 at ±2u, p5/p95 at ±5u and the mean at +0.5u. */
export function band(mid: number[], u = 1): Band {
  return {
    p5: mid.map((v) => v - 5 * u),
    p25: mid.map((v) => v - 2 * u),
    p50: mid.slice(),
    p75: mid.map((v) => v + 2 * u),
    p95: mid.map((v) => v + 5 * u),
    mean: mid.map((v) => v + 0.5 * u),
  };
}

export function dist(p50: number, spread = 10): Dist {
  return { p5: p50 - 2 * spread, p25: p50 - spread, p50, p75: p50 + spread, p95: p50 + 2 * spread, mean: p50 + 1 };
}

const perSector = <T>(f: (k: SectorId, i: number) => T) =>
  Object.fromEntries(SECTOR_IDS.map((k, i) => [k, f(k, i)])) as Record<SectorId, T>;

export function fakeRun(over: Partial<Run> = {}): Run {
  const flat = (v: number) => Array.from({ length: H + 1 }, () => v);
  return {
    horizonMonths: H,
    composite: [50, 54, 58, 61, 63],
    perceived: [50, 52, 55, 57, 58],
    coverage: [1, 0.8, 0.7, 0.65, 0.6],
    blindSpots: [0, 0.2, 0.3, 0.35, 0.4],
    readiness: flat(1),
    access: flat(1),
    monitoring: flat(1),
    sharing: flat(1),
    deterrence: flat(1),
    adversary: [1, 1.1, 1.2, 1.3, 1.4],
    criminal: [1, 1.05, 1.1, 1.15, 1.2],
    vigilance: flat(0),
    alliedConfidence: [70, 68, 66, 64, 62],
    cost: [500, 510, 520, 530, 540],
    threat: perSector((_, i) => [50, 52 + i, 54 + i, 56 + i, 58 + i]),
    incidents: perSector((_, i) => [10 * (i + 1), 11 * (i + 1), 12 * (i + 1), 13 * (i + 1), 14 * (i + 1)]),
    reversalMonth: 2,
    reengageMonth: 3,
    ...over,
  };
}

export function fakeSummary(): EnsembleSummary {
  const series: Record<string, Band> = {
    composite: band([50, 55, 59, 62, 64]),
    perceived: band([50, 53, 56, 58, 59]),
    coverage: band([1, 0.8, 0.7, 0.6, 0.55], 0.01),
    blindSpots: band([0, 0.2, 0.3, 0.4, 0.45], 0.01),
    adversary: band([1, 1.1, 1.25, 1.35, 1.5], 0.05),
    criminal: band([1, 1.05, 1.1, 1.2, 1.25], 0.05),
    vigilance: band([0, 0, 0, 0, 0]),
    alliedConfidence: band([70, 67, 65, 63, 61]),
    cost: band([500, 520, 540, 560, 580]),
  };
  SECTOR_IDS.forEach((k, i) => {
    series[`threat.${k}`] = band([50, 53 + i, 56 + i, 59 + i, 61 + i]);
    series[`incidents.${k}`] = band([20 * (i + 1), 21 * (i + 1), 22 * (i + 1), 23 * (i + 1), 24 * (i + 1)]);
  });
  const scalars = {
    cumulativeIncidents: { ...perSector(() => dist(100)), total: dist(11383, 1000) },
    cumulativeCost: dist(19582, 3000),
    peakComposite: dist(66, 3),
    monthsHighOrWorse: dist(3, 1),
  };
  return {
    runs: 200,
    seed: 'fixture',
    noise: true,
    horizonMonths: H,
    series,
    baseline: { composite: band([50, 50, 50, 50, 50]) },
    probReversedBy: [0, 0.1, 0.4, 0.55, 0.64],
    probReengagedBy: [0, 0, 0.1, 0.3, 0.45],
    probHighOrWorse: [0, 0.05, 0.2, 0.6, 0.7],
    scalars: { ...scalars, reversalMonth: { ...dist(3, 1), probNever: 0.36 } },
    pauseEffect: {
      series: { composite: band([0, 5, 9, 12, 14]), cost: band([0, 10, 20, 30, 40]) },
      scalars: {
        cumulativeIncidents: { ...perSector(() => dist(20)), total: dist(2236, 500) },
        cumulativeCost: dist(3100, 800),
        peakComposite: dist(14, 2),
        monthsHighOrWorse: dist(3, 1),
      },
    },
  };
}
