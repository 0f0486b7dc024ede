import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { APP_PRESETS } from '../../../src/state/presets';
import ControlsPanel from '../../../src/ui/controls/ControlsPanel.svelte';
import HistoryButtons from '../../../src/ui/controls/HistoryButtons.svelte';
import PresetPicker from '../../../src/ui/controls/PresetPicker.svelte';
import { setResponse } from '../../../src/state/edits';
import { renderWithStore } from './helpers';

describe('Preset picker', () => {
  it('lists every preset and loads the chosen one', async () => {
    const { store } = renderWithStore(PresetPicker);
    const select = screen.getByRole('combobox', { name: 'Start from a preset' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(APP_PRESETS.map((p) => p.title));
    const other = APP_PRESETS[3];
    await fireEvent.change(select, { target: { value: other.id } });
    expect(store.state.presetId).toBe(other.id);
    expect(store.state.scenario.title).toBe(other.title);
  });

  it('arrowing through the closed menu loads nothing until Enter; Escape keeps the current preset', async () => {
    const { store } = renderWithStore(PresetPicker);
    const select = screen.getByRole('combobox', { name: 'Start from a preset' }) as HTMLSelectElement;
    const start = store.state.presetId;
    for (const p of APP_PRESETS.slice(1, 4)) {
      await fireEvent.keyDown(select, { key: 'ArrowDown' });
      await fireEvent.change(select, { target: { value: p.id } });
    }
    expect(store.state.presetId).toBe(start);
    expect(store.canUndo).toBe(false);
    expect(screen.getByText(/Press Enter to open this preset/)).toBeInTheDocument();
    await fireEvent.keyDown(select, { key: 'Enter' });
    expect(store.state.presetId).toBe(APP_PRESETS[3].id);
    // One step, not three.
    store.undo();
    expect(store.state.presetId).toBe(start);
    expect(store.canUndo).toBe(false);

    await fireEvent.keyDown(select, { key: 'ArrowDown' });
    await fireEvent.change(select, { target: { value: APP_PRESETS[5].id } });
    await fireEvent.keyDown(select, { key: 'Escape' });
    expect(select.value).toBe(start);
    await fireEvent.blur(select);
    expect(store.state.presetId).toBe(start);
    // Picked with the pointer, a preset loads at once.
    await fireEvent.pointerDown(select);
    await fireEvent.change(select, { target: { value: APP_PRESETS[2].id } });
    expect(store.state.presetId).toBe(APP_PRESETS[2].id);
  });

  it('"Reset to preset" is enabled once the scenario is changed, and restores it', async () => {
    const { store } = renderWithStore(PresetPicker);
    const reset = screen.getByRole('button', { name: 'Reset to preset' });
    expect(reset).toBeDisabled();
    store.update(setResponse('restraint'), { commit: true });
    await Promise.resolve();
    expect(screen.getByText('You have changed this preset.')).toBeInTheDocument();
    expect(reset).toBeEnabled();
    await fireEvent.click(reset);
    expect(store.state.scenario.response).toBe(APP_PRESETS[0].response);
    expect(reset).toBeDisabled();
  });
});

describe('Undo and redo buttons', () => {
  it('follow the history', async () => {
    const { store } = renderWithStore(HistoryButtons);
    const undo = screen.getByRole('button', { name: 'Undo' });
    const redo = screen.getByRole('button', { name: 'Redo' });
    expect(undo).toBeDisabled();
    expect(redo).toBeDisabled();
    store.update(setResponse('restraint'), { commit: true });
    await Promise.resolve();
    expect(undo).toBeEnabled();
    await fireEvent.click(undo);
    expect(store.state.scenario.response).toBe('free-hits');
    expect(redo).toBeEnabled();
    await fireEvent.click(redo);
    expect(store.state.scenario.response).toBe('restraint');
  });
});

describe('The whole panel', () => {
  // Queries are scoped to a group: role queries over the whole panel (40-odd inputs) are slow under jsdom.
  it('edits through the panel can be undone one by one', async () => {
    const { store } = renderWithStore(ControlsPanel);
    const interpretation = screen.getByRole('radiogroup', { name: 'Interpretation' });
    const response = screen.getByRole('radiogroup', { name: 'Adversary response' });
    const history = screen.getByRole('group', { name: 'Undo and redo' });
    const undo = within(history).getByRole('button', { name: 'Undo' });
    const redo = within(history).getByRole('button', { name: 'Redo' });
    const horizon = screen.getByLabelText('Horizon') as HTMLInputElement;
    expect(horizon.type).toBe('range');

    await fireEvent.click(within(interpretation).getByRole('radio', { name: 'Reallocation' }));
    await fireEvent.click(within(response).getByRole('radio', { name: 'No change' }));
    await fireEvent.input(horizon, { target: { value: '30' } });
    await fireEvent.input(horizon, { target: { value: '40' } });
    await fireEvent.change(horizon, { target: { value: '40' } });
    expect(store.state.scenario).toMatchObject({ interpretation: 'reallocation', response: 'skeptic', horizonMonths: 40 });

    await fireEvent.click(undo);
    expect(store.state.scenario.horizonMonths).toBe(24);
    expect(horizon).toHaveValue('24');
    await fireEvent.click(undo);
    expect(within(response).getByRole('radio', { name: 'Free hits' })).toBeChecked();
    await fireEvent.click(undo);
    expect(within(interpretation).getByRole('radio', { name: 'Deprioritized' })).toBeChecked();
    expect(undo).toBeDisabled();
    await fireEvent.click(redo);
    expect(within(interpretation).getByRole('radio', { name: 'Reallocation' })).toBeChecked();
  }, 20_000);
});
