/** The deterministic run, labelled "expected path" in the app (MODEL.md section 5). */
import { SECTOR_IDS } from './parameters';
import { EXPECTED_DRAWS, allocatePath, compileScenario, runPath, type PathBuffers } from './engine';
import { assertScenario } from './validate';
import type { Run, Scenario, SectorSeries } from './types';

function sectorSeries(buf: Float64Array, H: number): SectorSeries {
  const n = H + 1;
  return Object.fromEntries(SECTOR_IDS.map((k, i) => [k, Array.from(buf.subarray(i * n, i * n + n))])) as SectorSeries;
}

/** Turn path buffers into the public Run shape. */
export function toRun(out: PathBuffers, H: number, reversalMonth: number | null, reengageMonth: number | null): Run {
  const a = (x: Float64Array) => Array.from(x);
  return {
    horizonMonths: H,
    composite: a(out.composite),
    perceived: a(out.perceived),
    coverage: a(out.coverage),
    blindSpots: a(out.blindSpots),
    readiness: a(out.readiness),
    access: a(out.access),
    monitoring: a(out.monitoring),
    sharing: a(out.sharing),
    deterrence: a(out.deterrence),
    adversary: a(out.adversary),
    criminal: a(out.criminal),
    vigilance: a(out.vigilance),
    alliedConfidence: a(out.alliedConfidence),
    cost: a(out.cost),
    threat: sectorSeries(out.threat, H),
    incidents: sectorSeries(out.incidents, H),
    reversalMonth,
    reengageMonth,
  };
}

/**
 * Deterministic run: every parameter at its mode, restraint survival and the
 * `mixed` branch replaced by their expectations, λ instead of counts.
 * Throws an Error naming the field when the scenario is invalid.
 */
export function simulate(scenario: Scenario): Run {
  const { buffers, reversalMonth, reengageMonth } = simulateBuffers(scenario);
  return toRun(buffers, scenario.horizonMonths, reversalMonth, reengageMonth);
}

/** The deterministic run together with its raw buffers and parameter values, for explanations. */
export function simulateBuffers(scenario: Scenario): { buffers: PathBuffers; values: Float64Array; reversalMonth: number | null; reengageMonth: number | null } {
  assertScenario(scenario);
  const c = compileScenario(scenario);
  const out = allocatePath(c.horizon);
  const res = runPath(c, c.modes, EXPECTED_DRAWS, out);
  return { buffers: out, values: c.modes, ...res };
}
