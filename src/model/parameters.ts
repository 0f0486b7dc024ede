/**
 * The single table of the model's parameters (MODEL.md sections 1, 3 and 4).
 * The engine, the scenario validator, the URL codec, the controls and the
 * "How the model works" page all read these definitions; nothing else may
 * restate a default, a range or a domain.
 */

export const INTERPRETATION_IDS = ['deprioritized', 'diplomatic', 'reallocation', 'none'] as const;
export type InterpretationId = (typeof INTERPRETATION_IDS)[number];
/** The three readings of the order; `none` is the no-pause baseline. */
export type PauseInterpretationId = Exclude<InterpretationId, 'none'>;

export const RESPONSE_IDS = ['restraint', 'free-hits', 'skeptic', 'mixed'] as const;
export type ResponseId = (typeof RESPONSE_IDS)[number];

export const POLICY_KINDS = ['indefinite', 'fixed', 'trigger'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export const SECTOR_IDS = ['health', 'infrastructure', 'finance', 'supply-chain', 'government', 'allies'] as const;
export type SectorId = (typeof SECTOR_IDS)[number];

/** A quoted passage of the source article, with its speaker ("… (as summarised by SecureWorld News)" when the words are the article's own account of what they said). */
export interface Quote {
  speaker: string;
  text: string;
}

export interface InterpretationDef {
  id: InterpretationId;
  label: string;
  /** Short name for buttons and accessible names. */
  shortLabel: string;
  keeps: string;
  /** Rhetoric softening r: a fixed assumption, never drawn. */
  rhetoricSoftening: number;
  quote?: Quote;
}

export const INTERPRETATIONS: Record<InterpretationId, InterpretationDef> = {
  deprioritized: {
    id: 'deprioritized',
    label: 'Deprioritized: Russia no longer seen as a major threat',
    shortLabel: 'Deprioritized',
    keeps: 'little: monitoring and sharing are cut too',
    rhetoricSoftening: 0.9,
    quote: {
      speaker: 'Chris Gray (as summarised by SecureWorld News)',
      // Gray's reading only: the article's sentence goes on with its own comment ("—a troubling possibility…").
      text: 'The U.S. no longer considers Russia a major cyber threat',
    },
  },
  diplomatic: {
    id: 'diplomatic',
    label: 'Diplomatic signal: still countering, softer rhetoric',
    shortLabel: 'Diplomatic signal',
    keeps: 'most defence and monitoring (about 95% of monitoring and 90% of sharing by default); offence is paused',
    rhetoricSoftening: 0.6,
    quote: {
      speaker: 'Chris Gray (as summarised by SecureWorld News)',
      text: 'The U.S. is still monitoring and countering Russian cyber activity but is softening its rhetoric for diplomatic reasons.',
    },
  },
  reallocation: {
    id: 'reallocation',
    label: 'Reallocation: resources moved to other priorities (e.g. cartels)',
    shortLabel: 'Reallocation',
    keeps: 'part of monitoring, with thinner coverage',
    rhetoricSoftening: 0.3,
    quote: {
      speaker: 'Chris Gray (as summarised by SecureWorld News)',
      // The article's sentence goes on ("…, which the Trump Administration has labeled as terrorist organizations"): no full stop here.
      text: 'The U.S. is reallocating cyber resources toward other priorities, such as combatting Mexican drug cartels',
    },
  },
  none: {
    id: 'none',
    label: 'No pause (the counterfactual baseline)',
    shortLabel: 'No pause',
    keeps: 'everything',
    rhetoricSoftening: 0,
  },
};

export interface ResponseDef {
  id: ResponseId;
  label: string;
  help: string;
  quote?: Quote;
}

export const RESPONSES: Record<ResponseId, ResponseDef> = {
  restraint: {
    id: 'restraint',
    label: 'Reciprocal restraint',
    help: 'Russia mirrors the pause and reins in state and criminal operations, until the bargain collapses (its chance each month is the restraint fragility, h).',
    quote: {
      speaker: 'Trey Ford',
      text: 'the hope is that those paused attack and exploitation efforts will be mirrored by our Russian counterparts.',
    },
  },
  'free-hits': {
    id: 'free-hits',
    label: 'Free hits',
    help: 'Russia reads the pause as permission and escalates in proportion to how permissive the US posture has become.',
    quote: {
      speaker: 'John Bambenek (as summarised by SecureWorld News)',
      text: 'if Russia perceives this decision as a "free hits" policy rather than an opportunity for de-escalation, it could embolden their cyber operations',
    },
  },
  skeptic: {
    id: 'skeptic',
    label: 'No change',
    help: 'Russia carries on as before. The article reports that professionals doubt Russia will reduce its operations; this answer takes that doubt at its word: nothing changes on Russia’s side.',
    quote: {
      speaker: 'SecureWorld News',
      text: 'cybersecurity professionals remain skeptical about whether Russia will reduce its cyber operations in response to this move.',
    },
  },
  mixed: {
    id: 'mixed',
    label: 'Unknown',
    help: 'Restraint with probability p, otherwise free hits: the honest answer when nobody knows which way Russia will go.',
  },
};

export const POLICIES: Record<PolicyKind, { id: PolicyKind; label: string; help: string; quote?: Quote }> = {
  indefinite: {
    id: 'indefinite',
    label: 'Indefinite',
    help: 'The pause stays “for the foreseeable future”: never reversed.',
    quote: { speaker: 'SecureWorld News', text: 'According to sources cited by The Record, the stand-down directive is expected to remain in place "for the foreseeable future."' },
  },
  fixed: {
    id: 'fixed',
    label: 'Fixed term',
    help: 'The reversal is decided at the end of a set month.',
    quote: { speaker: 'John Bambenek', text: 'It will also depend on how long this guidance is in place.' },
  },
  trigger: {
    id: 'trigger',
    label: 'Reverse on trigger',
    help: 'The reversal is decided once the threat the US can see has stayed at or above a threshold for k months in a row.',
    quote: {
      speaker: 'SecureWorld News',
      text: 'if Russian cyberattacks increase, the U.S. may need to quickly reverse course and re-engage its offensive cyber capabilities.',
    },
  },
};

/** Fixed, never-drawn sector assumptions (shown in the app as such). */
export interface SectorDef {
  id: SectorId;
  label: string;
  shortLabel: string;
  /** σ: state-directed share of Russia-linked incidents. */
  stateShare: number;
  /** β: blind-spot sensitivity. */
  blindSpotSensitivity: number;
  /** w: weight in the composite threat. */
  weight: number;
  basis: string;
}

export const SECTORS: Record<SectorId, SectorDef> = {
  health: {
    id: 'health', label: 'Hospitals and health care', shortLabel: 'Health care',
    stateShare: 0.1, blindSpotSensitivity: 0.3, weight: 0.25,
    basis: 'FBI IC3 ransomware complaints from health care: 148 (2021), 210 (2022), 249 (2023); HHS breach portal ≈ 600 hacking breaches a year as an upper bound; Chainalysis: 74% of 2021 ransomware revenue went to Russia-linked strains; IBM 2024: a health-care breach costs ≈ $9.8M',
  },
  infrastructure: {
    id: 'infrastructure', label: 'Energy, water and other critical infrastructure', shortLabel: 'Infrastructure',
    stateShare: 0.3, blindSpotSensitivity: 0.5, weight: 0.25,
    basis: 'IC3: 870 (2022) and 1,193 (2023) critical-infrastructure ransomware complaints, less health care',
  },
  finance: {
    id: 'finance', label: 'Financial institutions', shortLabel: 'Finance',
    stateShare: 0.3, blindSpotSensitivity: 0.4, weight: 0.15,
    basis: 'Assumption scaled from IC3 sector shares',
  },
  'supply-chain': {
    id: 'supply-chain', label: 'Supply chains and IT providers', shortLabel: 'Supply chains',
    stateShare: 0.5, blindSpotSensitivity: 0.6, weight: 0.2,
    basis: 'Assumption; SolarWinds-type operations cascade',
  },
  government: {
    id: 'government', label: 'Government, federal to local', shortLabel: 'Government',
    stateShare: 0.6, blindSpotSensitivity: 0.5, weight: 0.1,
    basis: 'Assumption; DCID 2.0: ≈ 0.26 attributed major Russian state operations against the US a month, 2008–2020',
  },
  allies: {
    id: 'allies', label: 'Ukraine and allied partners ("hunt forward")', shortLabel: 'Allies',
    stateShare: 0.8, blindSpotSensitivity: 0.6, weight: 0.05,
    basis: 'CERT-UA incidents handled: 2,194 (2022), 2,543 (2023), 4,315 (2024); cost to US organisations only, nominal',
  },
};

/** A parameter's allowed values. */
export interface Domain {
  min: number;
  /** Infinity when unbounded. */
  max: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  integer?: boolean;
}

export interface Range {
  low: number;
  mode: number;
  high: number;
}

export type ParamGroup = 'adversary' | 'us-posture' | 'policy' | 'private-sector' | 'interpretation' | 'sector';

export interface ParamDef {
  id: string;
  symbol: string;
  label: string;
  unit: string;
  domain: Domain;
  /** Default (low, mode, high) when the parameter does not depend on the interpretation. */
  range: Range;
  group: ParamGroup;
  /** Interpretation-specific defaults (m, s, δ). */
  byInterpretation?: Record<PauseInterpretationId, Range>;
  sector?: SectorId;
  /** Which policy uses it (policy parameters only). */
  policy?: PolicyKind;
  source: string;
  help: string;
  quote?: Quote;
}

const unit01: Domain = { min: 0, max: 1 };
const unitOpen: Domain = { min: 0, max: 1, minOpen: true };

const GLOBAL: ParamDef[] = [
  {
    id: 'responseSpeed', symbol: 'α', label: 'Adversary response speed', unit: 'share of gap per month',
    domain: unitOpen, range: { low: 0.15, mode: 0.25, high: 0.4 }, group: 'adversary',
    source: 'Escalation ramps over 3–6 months', help: 'How fast Russian activity moves toward its new target level each month.',
  },
  {
    id: 'escalationCeiling', symbol: 'e', label: 'Escalation ceiling', unit: '× extra activity',
    // MODEL.md says only e ≥ 0; without a ceiling, e = 1e308 overflowed λ and cost to Infinity (NaN in
    // explanations and the analyst tools). 1,000 (a thousandfold more activity) is far past any reading.
    domain: { min: 0, max: 1000 }, range: { low: 0.4, mode: 1.2, high: 3 }, group: 'adversary',
    source: 'CERT-UA +70% in 2024; Microsoft 2024: ransomware ×2.75',
    help: 'Extra adversary activity when US deterrence is gone entirely, as a multiple of today’s: 1.2 means 120% more, so 2.2 times as much.',
    quote: { speaker: 'John Bambenek (as summarised by SecureWorld News)', text: 'it could embolden their cyber operations rather than suppress them.' },
  },
  {
    id: 'restraintDepth', symbol: 'd', label: 'Restraint depth', unit: 'share cut',
    domain: unit01, range: { low: 0.05, mode: 0.2, high: 0.4 }, group: 'adversary',
    source: 'REvil taken offline 2021; IC3 −36% 2021→22 (confounded)',
    help: 'How much Russian activity falls while reciprocal restraint holds.',
    quote: { speaker: 'John Bambenek', text: 'if the end result months from now is significantly reduced ransomware hitting hospitals, then it will be seen as a big win.' },
  },
  {
    id: 'restraintFragility', symbol: 'h', label: 'Restraint fragility', unit: 'chance of collapse per month',
    domain: unit01, range: { low: 0, mode: 0.03, high: 0.1 }, group: 'adversary',
    source: 'Assumption; Healey & Jervis on tacit bargains turning into tit-for-tat',
    help: 'Each month, the chance that a tacit bargain of restraint collapses into free hits.',
  },
  {
    id: 'reciprocationChance', symbol: 'p', label: 'Chance of reciprocation', unit: 'probability',
    domain: unit01, range: { low: 0.1, mode: 0.3, high: 0.6 }, group: 'adversary',
    source: "The article's skeptics",
    help: 'Under "Unknown", the probability that Russia answers with restraint rather than free hits.',
    quote: { speaker: 'SecureWorld News', text: 'cybersecurity professionals remain skeptical about whether Russia will reduce its cyber operations in response to this move.' },
  },
  {
    id: 'criminalCoupling', symbol: 'κ', label: 'Criminal coupling', unit: 'share',
    domain: unit01, range: { low: 0.2, mode: 0.6, high: 0.9 }, group: 'adversary',
    source: 'Assumption',
    help: 'How far Russia-based ransomware gangs follow the state’s posture: reined in under restraint, let loose under free hits.',
  },
  {
    id: 'readinessDecay', symbol: 'δ_O', label: 'Offensive readiness decay', unit: 'share lost per month',
    domain: unit01, range: { low: 0.15, mode: 0.3, high: 0.5 }, group: 'us-posture',
    // MODEL.md puts "stale and therefore nonviable" in quotation marks, but the words are not the article's: no marks here.
    source: 'Planning stops at once; capabilities fade over months as prepared options go stale',
    help: 'Share of offensive readiness lost each month operations are paused.',
    quote: { speaker: 'Trey Ford', text: 'Pausing any operation, by definition, is an interruption to efforts with mountains of energy, investment, and human capital flow halted.' },
  },
  {
    id: 'readinessRecovery', symbol: 'ρ_O', label: 'Readiness recovery', unit: 'share rebuilt per month',
    domain: unitOpen, range: { low: 0.15, mode: 0.3, high: 0.5 }, group: 'us-posture',
    source: 'Exploit build ≈ 22 days (RAND)',
    help: 'Share of lost offensive readiness rebuilt each month after operations resume.',
  },
  {
    id: 'accessRecovery', symbol: 'ρ_E', label: 'Access recovery', unit: 'share rebuilt per month',
    domain: unitOpen, range: { low: 0.03, mode: 0.05, high: 0.1 }, group: 'us-posture',
    source: 'Assumption: rebuilding footholds is slower than losing them',
    help: 'Share of lost exploitation access (footholds in Russian networks) rebuilt each month after operations resume.',
  },
  {
    id: 'reengageLag', symbol: 'L', label: 'Re-engagement lag', unit: 'months',
    domain: { min: 1, max: 60, integer: true }, range: { low: 1, mode: 3, high: 6 }, group: 'policy',
    source: 'Integer', help: 'Months from the decision to reverse until offensive operations actually resume.',
  },
  {
    id: 'privateResponse', symbol: 'v', label: 'Private-sector vigilance', unit: 'share of attacks blocked',
    domain: unit01, range: { low: 0, mode: 0.1, high: 0.25 }, group: 'private-sector',
    source: 'Assumption (Soroko)',
    help: 'Share of Russia-linked attacks that companies’ extra effort blocks, at full intelligence sharing.',
    quote: { speaker: 'Jason Soroko', text: 'The pause in offensive cyber operations highlights the need for companies to double down on securing their supply chains' },
  },
  {
    id: 'vigilanceRamp', symbol: 'τ_V', label: 'Vigilance ramp-up', unit: 'months',
    // MODEL.md says only τ_V ≥ 1; 600 months (fifty years) bounds it like every other input.
    domain: { min: 1, max: 600 }, range: { low: 3, mode: 6, high: 12 }, group: 'private-sector',
    source: 'Assumption', help: 'Roughly how many months companies need to build up that extra vigilance.',
  },
  {
    id: 'confidenceSpeed', symbol: 'γ', label: 'Allied confidence speed', unit: 'share of gap per month',
    domain: unitOpen, range: { low: 0.04, mode: 0.08, high: 0.15 }, group: 'us-posture',
    source: 'Pew 2025: 20-point falls within about a year',
    help: 'How fast allied confidence in the US moves toward its new level each month.',
    quote: { speaker: 'Chris Gray', text: "a lack of shared confidence in the United States' reliance as a defensive partner." },
  },
  {
    id: 'triggerThreshold', symbol: 'θ', label: 'Trigger threshold', unit: 'perceived threat (0–100)',
    domain: { min: 0, max: 100 }, range: { low: 53, mode: 56, high: 65 }, group: 'policy', policy: 'trigger',
    source: '≈ +20% above the pre-pause level (56.6); +50% ≈ 64.6',
    help: 'The perceived composite threat at which the US decides to reverse the pause (50 = pre-pause).',
    quote: { speaker: 'SecureWorld News', text: 'the U.S. may need to quickly reverse course and re-engage its offensive cyber capabilities.' },
  },
  {
    id: 'triggerMonths', symbol: 'k', label: 'Trigger months', unit: 'months in a row',
    domain: { min: 1, max: 60, integer: true }, range: { low: 1, mode: 2, high: 4 }, group: 'policy', policy: 'trigger',
    source: 'Integer; Kreps & Schneider, Edwards et al.: reluctance to retaliate',
    help: 'How many months in a row the perceived threat must stay at or above the threshold before the US reverses.',
  },
  {
    id: 'fixedMonths', symbol: 'n_D', label: 'Months until reversal is decided', unit: 'months',
    domain: { min: 1, max: 60, integer: true }, range: { low: 1, mode: 6, high: 24 }, group: 'policy', policy: 'fixed',
    source: 'Integer', help: 'The month at whose end a fixed-term pause is reversed. Offensive operations resume a re-engagement lag later, so the pause lasts this plus the lag.',
    quote: { speaker: 'John Bambenek', text: 'It will also depend on how long this guidance is in place.' },
  },
];

const INTERPRETATION_PARAMS: ParamDef[] = [
  {
    id: 'monitoringRetained', symbol: 'm', label: 'Monitoring retained', unit: 'share',
    domain: unit01, range: { low: 0.25, mode: 0.4, high: 0.6 }, group: 'interpretation',
    byInterpretation: {
      deprioritized: { low: 0.25, mode: 0.4, high: 0.6 },
      diplomatic: { low: 0.85, mode: 0.95, high: 1 },
      reallocation: { low: 0.45, mode: 0.65, high: 0.8 },
    },
    source: "Chris Gray's three interpretations",
    help: 'Share of defensive monitoring of Russian activity the US keeps during the pause.',
    quote: { speaker: 'Trey Ford', text: 'Reconnaissance and operational monitoring is a continuous effort—where missed changes can have varying levels of impact to the mission.' },
  },
  {
    id: 'sharingRetained', symbol: 's', label: 'Intelligence sharing retained', unit: 'share',
    domain: unit01, range: { low: 0.2, mode: 0.4, high: 0.6 }, group: 'interpretation',
    byInterpretation: {
      deprioritized: { low: 0.2, mode: 0.4, high: 0.6 },
      diplomatic: { low: 0.75, mode: 0.9, high: 1 },
      reallocation: { low: 0.5, mode: 0.7, high: 0.85 },
    },
    source: "Chris Gray's three interpretations",
    help: 'Share of threat-intelligence sharing with companies and allies that continues during the pause.',
    quote: { speaker: 'Chris Gray', text: 'If the U.S. ceases operations and intelligence sharing regarding Russia, the opportunity for cyberattacks to succeed does indeed increase.' },
  },
  {
    id: 'accessDecay', symbol: 'δ', label: 'Access decay', unit: 'share lost per month',
    domain: { min: 0, max: 1, maxOpen: true }, range: { low: 0.04, mode: 0.07, high: 0.1 }, group: 'interpretation',
    byInterpretation: {
      deprioritized: { low: 0.04, mode: 0.07, high: 0.1 },
      diplomatic: { low: 0.01, mode: 0.02, high: 0.04 },
      reallocation: { low: 0.03, mode: 0.05, high: 0.08 },
    },
    source: "Chris Gray's three interpretations; Ford's \"missed changes\"",
    help: 'Share of exploitation access (footholds in Russian networks) lost each month while operations are paused.',
  },
];

interface SectorRanges {
  baseline: Range;
  russiaShare: Range;
  cost: Range;
}

const SECTOR_RANGES: Record<SectorId, SectorRanges> = {
  health: { baseline: { low: 12, mode: 21, high: 50 }, russiaShare: { low: 0.4, mode: 0.6, high: 0.75 }, cost: { low: 4, mode: 8, high: 12 } },
  infrastructure: { baseline: { low: 55, mode: 80, high: 110 }, russiaShare: { low: 0.35, mode: 0.5, high: 0.65 }, cost: { low: 1, mode: 2, high: 5 } },
  finance: { baseline: { low: 6, mode: 12, high: 25 }, russiaShare: { low: 0.3, mode: 0.5, high: 0.65 }, cost: { low: 2, mode: 4, high: 10 } },
  'supply-chain': { baseline: { low: 8, mode: 15, high: 30 }, russiaShare: { low: 0.3, mode: 0.5, high: 0.65 }, cost: { low: 3, mode: 10, high: 30 } },
  government: { baseline: { low: 5, mode: 10, high: 20 }, russiaShare: { low: 0.3, mode: 0.5, high: 0.7 }, cost: { low: 0.5, mode: 2, high: 5 } },
  allies: { baseline: { low: 180, mode: 212, high: 360 }, russiaShare: { low: 0.7, mode: 0.85, high: 0.95 }, cost: { low: 0.02, mode: 0.1, high: 0.5 } },
};

/** Sector parameter ids are `<sector>.<name>`, e.g. `health.baselineIncidents`. */
export const sectorParamId = (sector: SectorId, name: 'baselineIncidents' | 'russiaShare' | 'incidentCost') =>
  `${sector}.${name}`;

const SECTOR_PARAMS: ParamDef[] = SECTOR_IDS.flatMap((k): ParamDef[] => {
  const r = SECTOR_RANGES[k];
  const s = SECTORS[k];
  return [
    {
      id: sectorParamId(k, 'baselineIncidents'), symbol: `b[${k}]`, label: `${s.shortLabel}: incidents a month`, unit: 'reported incidents / month',
      domain: { min: 0, max: 1e6, minOpen: true }, range: r.baseline, group: 'sector', sector: k,
      source: s.basis, help: `Reported incidents a month in ${s.label.toLowerCase()} before the pause, from all actors (a floor on real ones).`,
    },
    {
      id: sectorParamId(k, 'russiaShare'), symbol: `π[${k}]`, label: `${s.shortLabel}: Russia-linked share`, unit: 'share',
      domain: unit01, range: r.russiaShare, group: 'sector', sector: k,
      source: s.basis, help: `Share of those incidents that are Russia-linked, state or criminal.`,
    },
    {
      id: sectorParamId(k, 'incidentCost'), symbol: `c[${k}]`, label: `${s.shortLabel}: cost per incident`, unit: 'US$ million',
      domain: { min: 0, max: 1e4 }, range: r.cost, group: 'sector', sector: k,
      source: s.basis, help: 'Rough direct cost of one incident to US organisations (an upper bound).',
    },
  ];
});

/** Every parameter, in the fixed order in which ensemble members draw them. */
export const PARAMETERS: readonly ParamDef[] = [...GLOBAL, ...INTERPRETATION_PARAMS, ...SECTOR_PARAMS];

export const PARAM_BY_ID: ReadonlyMap<string, ParamDef> = new Map(PARAMETERS.map((p) => [p.id, p]));

export type ParamId = string;

/** A parameter's default range for an interpretation (the baseline uses the deprioritized table; it never reads m, s, δ). */
export function defaultRange(def: ParamDef, interpretation: InterpretationId): Range {
  if (def.byInterpretation && interpretation !== 'none') return { ...def.byInterpretation[interpretation] };
  return { ...def.range };
}

/** Human-readable statement of a domain, e.g. "between 0 and 1" or "at least 0". */
export function describeDomain(d: Domain): string {
  const lo = `${d.min}${d.minOpen ? ' (exclusive)' : ''}`;
  const hi = `${d.max}${d.maxOpen ? ' (exclusive)' : ''}`;
  const kind = d.integer ? 'a whole number ' : '';
  if (d.max === Infinity) return `${kind}at least ${lo}`;
  return `${kind}from ${lo} to ${hi}`;
}

/** What a value that is not a number must be: "a number, from 0 to 1000", "a whole number from 1 to 60" (not "a number, a whole number…"). */
export function describeNumberDomain(d: Domain): string {
  return d.integer ? describeDomain(d) : `a number, ${describeDomain(d)}`;
}

/** Whether a value lies in a domain. */
export function inDomain(x: number, d: Domain): boolean {
  if (!Number.isFinite(x)) return false;
  if (d.minOpen ? x <= d.min : x < d.min) return false;
  if (d.maxOpen ? x >= d.max : x > d.max) return false;
  if (d.integer && !Number.isInteger(x)) return false;
  return true;
}

/** Clamp into a domain (open ends clamp to a hair inside). */
export function clampToDomain(x: number, d: Domain): number {
  const eps = 1e-9;
  let v = Math.max(d.minOpen ? d.min + eps : d.min, x);
  v = Math.min(d.maxOpen ? d.max - eps : d.max, v);
  return v;
}

/** Integer parameters are rounded half up, minimum 1 (MODEL.md section 4). */
export function roundInteger(x: number): number {
  return Math.max(1, Math.floor(x + 0.5));
}

/**
 * Move a parameter's mode; low and high keep their distance from it, clamped
 * to the domain (MODEL.md section 4: "Editing a slider moves the mode").
 */
export function shiftMode(def: ParamDef, base: Range, mode: number): Range {
  const m = def.domain.integer ? roundInteger(mode) : mode;
  // Rounded to 12 significant digits so 1.5 − 0.8 is 0.7, not 0.7000000000000001.
  const low = tidy(clampToDomain(m - (base.mode - base.low), def.domain));
  const high = tidy(clampToDomain(m + (base.high - base.mode), def.domain));
  return { low: Math.min(low, m), mode: m, high: Math.max(high, m) };
}

/** A number without binary floating-point noise (12 significant digits). */
export function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

export const HORIZON = { min: 6, max: 60, default: 24 } as const;
export const ENSEMBLE = { minRuns: 1, maxRuns: 100_000, defaultRuns: 1_000 } as const;

/** Threat bands (MODEL.md section 3). */
export const BANDS = [
  { id: 'low', label: 'Low', from: 0, to: 20 },
  { id: 'guarded', label: 'Guarded', from: 20, to: 40 },
  { id: 'elevated', label: 'Elevated', from: 40, to: 60 },
  { id: 'high', label: 'High', from: 60, to: 80 },
  { id: 'severe', label: 'Severe', from: 80, to: 100 },
] as const;

/** Composite threat at or above which a month counts as "High or worse" (the High band's lower edge). */
export const HIGH_FROM: number = BANDS.find((b) => b.id === 'high')!.from;

export function bandOf(threat: number): (typeof BANDS)[number] {
  for (const b of BANDS) if (threat < b.to) return b;
  return BANDS[BANDS.length - 1];
}

/** Fixed structural assumptions, shown on the model page; never drawn. */
export const FIXED_ASSUMPTIONS = {
  coverageAccessWeight: 0.4,
  coverageMonitoringWeight: 0.6,
  deterrenceReadinessWeight: 0.4,
  deterrenceCoverageWeight: 0.6,
  monitoringSpeed: 0.5,
  preConfidence: 70,
  rhetoricPenalty: 10,
  attributionFloor: 0.5,
} as const;

/**
 * Version of the model: its equations and how an ensemble draws (the same
 * seed gives other runs in another version). Travels in share links, which
 * say so when opened with another version. 1.1: each parameter drawn from a
 * substream of its own (common random numbers across readings).
 */
export const MODEL_VERSION = '1.1';
