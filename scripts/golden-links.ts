/**
 * Writes tests/fixtures/links-v1.json: links of format version 1 and what they
 * decode to. Run once when a format version is released; afterwards the file
 * is frozen and the test holds every later version of the app to it.
 * Usage: npx tsx scripts/golden-links.ts > tests/fixtures/links-v1.json
 */
import { decodeLink, encodeLink, type SharedState } from '../src/share/link';
import { simulate } from '../src/model/simulate';
import { DISK_PRESETS as PRESETS } from '../tests/helpers/presets';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const fallback = (): SharedState => ({
  scenario: clone(PRESETS[0]), presetId: PRESETS[0].id,
  ensemble: { runs: 1000, seed: 'stand-down', noise: true }, pinned: [], view: 'explore',
  explainTarget: { month: 12, target: 'composite' },
});

const handWritten = [
  'v=1&m=1.0&s=deprioritized-free-hits&noise=1&x=12.composite',
  'v=1&m=1.0&s=deprioritized-free-hits&escalationCeiling=1.5&seed=42&noise=1&x=12.composite',
  'v=1&m=1.0&s=reallocation-free-hits-trigger&triggerThreshold=60&triggerMonths=3&n=10000&noise=0&view=compare&x=24.health',
  'v=1&m=1.0&s=diplomatic-restraint&i=deprioritized&r=mixed&p=fixed&fixedMonths=9&h=36&restraintDepth=0.1~0.3~0.5&noise=1&view=explain&x=30.supply-chain',
  'v=1&m=1.0&s=deprioritized-skeptic&noise=1&x=12.composite&pin=s%3Ddeprioritized-free-hits%26l%3DFree%2Bhits&pin=s%3Ddeprioritized-restraint%26restraintFragility%3D0.08%26l%3DFragile%2Brestraint',
  's=no-pause',
  'v=1&m=0.9&s=diplomatic-free-hits&noise=1&x=6.allies',
];
const compressed = (() => {
  const st = decodeLink(handWritten[4], PRESETS, fallback()).state;
  st.ensemble.seed = 'a fairly long seed phrase for a classroom exercise, section B, week 3';
  return encodeLink(st, PRESETS);
})();
const embedded = (() => {
  const st = fallback();
  st.scenario.title = 'Hospital wave (custom)';
  st.scenario.injects = [{ id: 'inject-1', month: 4, title: 'Ransomware wave hits regional hospitals', effects: [{ type: 'sectorShock', sector: 'health', factor: 1.8, months: 3 }] }];
  return encodeLink(st, PRESETS);
})();

const out = [...handWritten, compressed, embedded].map((link) => {
  const d = decodeLink(link, PRESETS, fallback());
  const st = d.state;
  return {
    link,
    expected: {
      problems: d.problems.length,
      presetId: st.presetId, interpretation: st.scenario.interpretation, response: st.scenario.response,
      policy: st.scenario.policy.kind, horizon: st.scenario.horizonMonths, parameters: st.scenario.parameters,
      ensemble: st.ensemble, view: st.view, explainTarget: st.explainTarget, pinned: st.pinned.map((p) => [p.label, p.scenario.id]),
      composite24: Math.round(simulate(st.scenario).composite[Math.min(24, st.scenario.horizonMonths)] * 1000) / 1000,
    },
  };
});
console.log(JSON.stringify(out, null, 2));
