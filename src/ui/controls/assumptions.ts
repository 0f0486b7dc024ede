/** How the Assumptions section groups the parameter table. */
import { PARAMETERS, SECTORS, SECTOR_IDS, type ParamDef, type ParamGroup, type SectorId } from '../../model/parameters';

export const GROUP_LABELS: Record<ParamGroup, string> = {
  adversary: "Russia's behaviour",
  'us-posture': 'US capabilities and allies',
  policy: 'US policy',
  'private-sector': 'Private sector',
  interpretation: 'What the US keeps doing (depends on the interpretation)',
  sector: 'Sectors: incidents, Russia-linked share, cost',
};

export const GROUP_ORDER: ParamGroup[] = ['adversary', 'us-posture', 'interpretation', 'private-sector', 'policy', 'sector'];

/** Parameters that have their control next to the choice they belong to, above the Assumptions section. */
export const SET_ABOVE: ReadonlySet<string> = new Set(['reciprocationChance', 'fixedMonths', 'triggerThreshold', 'triggerMonths', 'reengageLag']);

export interface ParamGroupView {
  group: ParamGroup;
  label: string;
  /** Parameters with their own control here. */
  params: ParamDef[];
  /** Parameters of this group whose control sits above. */
  elsewhere: ParamDef[];
}

/** The parameter table grouped for the Assumptions section (sectors are split out below). */
export function assumptionGroups(): ParamGroupView[] {
  return GROUP_ORDER.filter((g) => g !== 'sector').map((group) => {
    const all = PARAMETERS.filter((p) => p.group === group);
    return {
      group,
      label: GROUP_LABELS[group],
      params: all.filter((p) => !SET_ABOVE.has(p.id)),
      elsewhere: all.filter((p) => SET_ABOVE.has(p.id)),
    };
  });
}

/** The sector parameters, one list per sector. */
export function sectorGroups(): { sector: SectorId; label: string; params: ParamDef[] }[] {
  return SECTOR_IDS.map((k) => ({ sector: k, label: SECTORS[k].label, params: PARAMETERS.filter((p) => p.sector === k) }));
}

/** Number of uncertain parameters. */
export const PARAMETER_COUNT = PARAMETERS.length;
