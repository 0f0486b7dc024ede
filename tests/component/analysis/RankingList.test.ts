import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import RankingList from '../../../src/ui/analysis/RankingList.svelte';
import type { Ranking } from '../../../src/analysis/sensitivity';

const entry = (id: string, index: number) => ({ id, label: id, symbol: id[0], index, corrected: index, raw: index, bins: 20 });
const ranking: Ranking = {
  metric: 'incidents',
  entries: [entry('escalation', 0.42), entry('restraint', 0.2), entry('lag', 0.004)],
  total: 0.63,
  constant: false,
  noiseFloor: 0.01,
  uncertainty: { index: 0.006, total: 0.04 },
};

describe('RankingList', () => {
  it('marks a share within sampling noise in words and italics, not by grey alone', () => {
    // Forced colours drop the grey, and a screen reader never heard it.
    // (jsdom applies no component styles: the italics are seen in the browser.)
    const { container } = render(RankingList, { ranking, runs: 1000, noise: true });
    const rows = screen.getAllByRole('listitem');
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'escalation (e) 42%',
      'restraint (r) 20%',
      'lag (l) 0% (within sampling noise)',
    ]);
    const faint = container.querySelectorAll('li.faint');
    expect(faint).toHaveLength(1);
    expect(screen.getByText(/\(greyed, in italics\) are within sampling noise/)).toBeInTheDocument();
  });
});
