import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import Waterfall from '../../../src/ui/charts/Waterfall.svelte';
import { waterfallGeometry, waterfallSteps } from '../../../src/ui/charts/waterfall';
import { explain, explanationSentence, type Explanation } from '../../../src/model/explain';
import { scenario } from './engine';

const handMade: Explanation = {
  month: 12,
  target: 'composite',
  value: 68,
  base: 50,
  parts: [
    { id: 'activity', label: 'adversary activity', value: 12 },
    { id: 'blindSpots', label: 'blind spots', value: 9 },
    { id: 'vigilance', label: 'private vigilance', value: -3 },
    { id: 'injects', label: 'exercise injects', value: 0 },
    { id: 'clamp', label: 'held at the 0–100 limits', value: 0.01 },
  ],
};

describe('Waterfall', () => {
  it('is an image named by the sentence, which is also shown as text', () => {
    render(Waterfall, { explanation: handMade });
    const sentence = '68 = 50 + 12 adversary activity + 9 blind spots − 3 private vigilance';
    expect(explanationSentence(handMade)).toBe(sentence);
    expect(screen.getByRole('img', { name: sentence })).toBeInTheDocument();
    expect(screen.getByText(sentence, { selector: 'figcaption' })).toBeInTheDocument();
  });

  it('labels each step from 50 to the value, leaving out parts under 0.05', () => {
    const { container } = render(Waterfall, { explanation: handMade });
    const svg = container.querySelector('svg') as unknown as HTMLElement;
    for (const t of ['pre-pause level', 'adversary activity', '+12', 'blind spots', '+9', 'private vigilance', '−3', 'composite, month 12', '68']) {
      expect(within(svg).getByText(t)).toBeInTheDocument();
    }
    expect(within(svg).queryByText('exercise injects')).toBeNull();
    expect(container.querySelectorAll('rect.sd-wf-up')).toHaveLength(2);
    expect(container.querySelectorAll('rect.sd-wf-down')).toHaveLength(1);
  });

  it('steps add up: each bar starts where the last ended', () => {
    const steps = waterfallSteps(handMade);
    expect(steps.map((s) => [s.from, s.to])).toEqual([[50, 50], [50, 62], [62, 71], [71, 68], [68, 68]]);
    const g = waterfallGeometry(steps, 390);
    expect(g.width).toBe(390);
    expect(g.bars[2].x).toBe(g.bars[1].endX);
  });

  it('explains a real sector month from the engine', () => {
    const e = explain(scenario, 6, 'health');
    render(Waterfall, { explanation: e });
    expect(screen.getByRole('img', { name: explanationSentence(e) })).toBeInTheDocument();
    expect(screen.getByText('Health care, month 6')).toBeInTheDocument();
  });
});
