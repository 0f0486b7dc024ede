import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import InterpretationControl from '../../../src/ui/controls/InterpretationControl.svelte';
import PolicyControl from '../../../src/ui/controls/PolicyControl.svelte';
import ResponseControl from '../../../src/ui/controls/ResponseControl.svelte';
import { renderWithStore } from './helpers';

describe('Interpretation', () => {
  it('is a radio group named exactly "Interpretation" with the three readings', () => {
    renderWithStore(InterpretationControl);
    const group = screen.getByRole('radiogroup', { name: 'Interpretation' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    for (const name of ['Deprioritized', 'Diplomatic signal', 'Reallocation']) {
      expect(within(group).getByRole('radio', { name })).toBeInTheDocument();
    }
    expect(within(group).getByRole('radio', { name: 'Deprioritized' })).toBeChecked();
  });

  it("shows Chris Gray's readings on each card, as the article summarises them", () => {
    renderWithStore(InterpretationControl);
    expect(screen.getAllByText('— Chris Gray (as summarised by SecureWorld News)')).toHaveLength(3);
    expect(screen.getByText(/still monitoring and countering Russian cyber activity/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Reallocation' })).toHaveAccessibleDescription(/drug cartels/);
  });

  it('choosing a card changes the scenario', async () => {
    const { store } = renderWithStore(InterpretationControl);
    await fireEvent.click(screen.getByRole('radio', { name: 'Diplomatic signal' }));
    expect(store.state.scenario.interpretation).toBe('diplomatic');
    expect(screen.getByRole('radio', { name: 'Diplomatic signal' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Deprioritized' })).not.toBeChecked();
  });
});

describe('Adversary response', () => {
  it('is a radio group with the four answers', () => {
    renderWithStore(ResponseControl);
    const group = screen.getByRole('radiogroup', { name: 'Adversary response' });
    expect(within(group).getAllByRole('radio').map((r) => (r as HTMLInputElement).labels?.[0].textContent)).toEqual([
      'Reciprocal restraint',
      'Free hits',
      'No change',
      'Unknown',
    ]);
    for (const name of ['Reciprocal restraint', 'Free hits', 'No change', 'Unknown']) {
      expect(within(group).getByRole('radio', { name })).toBeInTheDocument();
    }
  });

  it('shows the quote of the chosen answer, with its speaker', async () => {
    renderWithStore(ResponseControl);
    expect(screen.getByText('— John Bambenek (as summarised by SecureWorld News)')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('radio', { name: 'Reciprocal restraint' }));
    expect(screen.getByText('— Trey Ford')).toBeInTheDocument();
  });

  it('"Unknown" shows the probability slider, and only then', async () => {
    const { store } = renderWithStore(ResponseControl);
    expect(screen.queryByRole('slider', { name: 'Chance of reciprocation' })).toBeNull();
    await fireEvent.click(screen.getByRole('radio', { name: 'Unknown' }));
    expect(store.state.scenario.response).toBe('mixed');
    const p = screen.getByRole('slider', { name: 'Chance of reciprocation' });
    await fireEvent.input(p, { target: { value: '0.5' } });
    await fireEvent.change(p, { target: { value: '0.5' } });
    expect(store.state.scenario.parameters.reciprocationChance.mode).toBe(0.5);
  });
});

describe('US policy', () => {
  it('is a radio group with three policies and the re-engagement lag', () => {
    renderWithStore(PolicyControl);
    const group = screen.getByRole('radiogroup', { name: 'US policy' });
    for (const name of ['Indefinite', 'Fixed term', 'Reverse on trigger']) {
      expect(within(group).getByRole('radio', { name })).toBeInTheDocument();
    }
    const lag = screen.getByRole('slider', { name: 'Re-engagement lag' });
    expect(lag).toHaveValue('3');
  });

  it('the re-engagement lag is a whole number of months', async () => {
    const { store } = renderWithStore(PolicyControl);
    await fireEvent.input(screen.getByRole('slider', { name: 'Re-engagement lag' }), { target: { value: '5' } });
    expect(store.state.scenario.parameters.reengageLag).toEqual({ low: 3, mode: 5, high: 8 });
    const field = screen.getByRole('textbox', { name: 'Re-engagement lag (typed value)' });
    await fireEvent.input(field, { target: { value: '0' } });
    await fireEvent.change(field, { target: { value: '0' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Re-engagement lag must be a whole number from 1 to 60; kept 5');
    expect(store.state.scenario.parameters.reengageLag.mode).toBe(5);
  });

  it('each policy shows its own settings', async () => {
    const { store } = renderWithStore(PolicyControl);
    expect(screen.getByRole('slider', { name: 'Trigger threshold' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Trigger months' })).toBeInTheDocument();
    expect(screen.queryByRole('slider', { name: 'Months until reversal is decided' })).toBeNull();

    await fireEvent.click(screen.getByRole('radio', { name: 'Fixed term' }));
    expect(store.state.scenario.policy.kind).toBe('fixed');
    const months = screen.getByRole('slider', { name: 'Months until reversal is decided' });
    expect(screen.queryByRole('slider', { name: 'Trigger threshold' })).toBeNull();
    await fireEvent.input(months, { target: { value: '12' } });
    expect(store.state.scenario.parameters.fixedMonths.mode).toBe(12);

    await fireEvent.click(screen.getByRole('radio', { name: 'Indefinite' }));
    expect(store.state.scenario.policy.kind).toBe('indefinite');
    expect(screen.queryByRole('slider', { name: 'Months until reversal is decided' })).toBeNull();
  });

  it('the trigger threshold moves with its slider', async () => {
    const { store } = renderWithStore(PolicyControl);
    await fireEvent.input(screen.getByRole('slider', { name: 'Trigger threshold' }), { target: { value: '60' } });
    expect(store.state.scenario.parameters.triggerThreshold.mode).toBe(60);
    expect(screen.getByRole('textbox', { name: 'Trigger threshold (typed value)' })).toHaveValue('60');
  });
});
