/** The options of the scenario's radio groups, built from the parameter table. */
import {
  INTERPRETATIONS,
  POLICIES,
  POLICY_KINDS,
  RESPONSES,
  RESPONSE_IDS,
  type PauseInterpretationId,
  type PolicyKind,
  type Quote,
  type ResponseId,
} from '../../model/parameters';

/** One option of a radio group. */
export interface Choice<V extends string> {
  value: V;
  /** The option's accessible name. */
  label: string;
  /** One or two sentences under the label. */
  description?: string;
  /** The article's words behind this option. */
  quote?: Quote;
}

/** Chris Gray's three readings (the no-pause baseline is not a choice: it is what every chart compares with). */
export const INTERPRETATION_CHOICES: Choice<PauseInterpretationId>[] = (['deprioritized', 'diplomatic', 'reallocation'] as const).map((id) => {
  const def = INTERPRETATIONS[id];
  const detail = def.label.includes(':') ? def.label.slice(def.label.indexOf(':') + 1).trim() : '';
  const sentence = detail ? `${detail[0].toUpperCase()}${detail.slice(1)}.` : '';
  return { value: id, label: def.shortLabel, description: `${sentence} The US keeps ${def.keeps}.`.trim(), quote: def.quote };
});

export const RESPONSE_CHOICES: Choice<ResponseId>[] = RESPONSE_IDS.map((id) => ({
  value: id,
  label: RESPONSES[id].label,
  description: RESPONSES[id].help,
  quote: RESPONSES[id].quote,
}));

export const POLICY_CHOICES: Choice<PolicyKind>[] = POLICY_KINDS.map((id) => ({
  value: id,
  label: POLICIES[id].label,
  description: POLICIES[id].help,
  quote: POLICIES[id].quote,
}));
