/** View model of the six sector small multiples. */
import { SECTORS, SECTOR_IDS, type SectorId } from '../../model/parameters';
import type { Band, EnsembleSummary, Run } from '../../model/types';
import { fanHeadline } from './fanChart';
import { formatter, threatFormat } from './format';

export interface SectorPanel {
  id: SectorId;
  title: string;
  band: Band | null;
  expected: number[];
  /** Expected reported incidents a month: the ensemble mean, or the expected path's λ. */
  incidents: number[];
  /** Where `incidents` comes from, in words. */
  incidentsSource: string;
  headline: string;
}

const count = formatter(',.0f');

/** "about 31 reported incidents (mean of runs)" for one month. */
export function incidentsText(p: SectorPanel, month: number): string {
  return `about ${count(p.incidents[month])} reported incidents that month (${p.incidentsSource})`;
}

/** One panel per sector, in the model's sector order. */
export function sectorPanels(run: Run, summary: EnsembleSummary | null): SectorPanel[] {
  const H = run.horizonMonths;
  return SECTOR_IDS.map((k) => {
    const band = summary?.series[`threat.${k}`] ?? null;
    const mean = summary?.series[`incidents.${k}`]?.mean;
    const title = SECTORS[k].shortLabel;
    const panel: SectorPanel = {
      id: k,
      title,
      band,
      expected: run.threat[k],
      incidents: mean ?? run.incidents[k],
      incidentsSource: mean ? 'mean of runs' : 'expected path',
      headline: '',
    };
    const head = fanHeadline(`${title} threat`, { band, expected: run.threat[k], baseline: null, overlays: [] }, threatFormat(0));
    panel.headline = `${head}; ${incidentsText(panel, H).replace('that month', `in month ${H}`)}`;
    return panel;
  });
}
