import { tick } from 'svelte';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../../src/model/parameters';
import { SET_ABOVE } from '../../../src/ui/controls/assumptions';
import AssumptionsSection from '../../../src/ui/controls/AssumptionsSection.svelte';
import EnsembleControls from '../../../src/ui/controls/EnsembleControls.svelte';
import HorizonControl from '../../../src/ui/controls/HorizonControl.svelte';
import StoreParameter from '../../../src/ui/controls/StoreParameter.svelte';
import { renderWithStore } from './helpers';

/** Type into a field and commit it (Enter / leaving the field fires "change"). */
async function typeValue(field: HTMLElement, text: string) {
  await fireEvent.input(field, { target: { value: text } });
  await fireEvent.change(field, { target: { value: text } });
}

describe('a parameter control', () => {
  it('has a slider named by the label and a typed field, with unit, range, help and quote', () => {
    renderWithStore(StoreParameter, { id: 'escalationCeiling' });
    const slider = screen.getByRole('slider', { name: 'Escalation ceiling' });
    expect(slider).toHaveValue('1.2');
    expect(screen.getByRole('textbox', { name: 'Escalation ceiling (typed value)' })).toHaveValue('1.2');
    expect(screen.getByText('× extra activity')).toBeInTheDocument();
    expect(slider).toHaveAccessibleDescription(/The runs draw it from 0.4 to 3\. Allowed: from 0 to 1000\./);
    expect(screen.getByText(/Extra adversary activity when US deterrence is gone/)).toBeInTheDocument();
    expect(screen.getByText('— John Bambenek (as summarised by SecureWorld News)')).toBeInTheDocument();
    expect(screen.getByText(/CERT-UA \+70% in 2024/)).toBeInTheDocument();
  });

  it('the slider moves the value while dragging and commits on release', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'escalationCeiling' });
    const slider = screen.getByRole('slider', { name: 'Escalation ceiling' });
    await fireEvent.input(slider, { target: { value: '1.5' } });
    await fireEvent.input(slider, { target: { value: '2' } });
    expect(store.state.scenario.parameters.escalationCeiling).toEqual({ low: 1.2, mode: 2, high: 3.8 });
    expect(screen.getByRole('textbox', { name: 'Escalation ceiling (typed value)' })).toHaveValue('2');
    await fireEvent.change(slider, { target: { value: '2' } });
    store.undo();
    expect(store.state.scenario.parameters.escalationCeiling).toBeUndefined();
  });

  it('a typed value between the slider\'s steps is what the slider reads out, not the step it snaps to', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'triggerThreshold' });
    const slider = screen.getByRole('slider', { name: /threshold/i });
    expect(slider).toHaveAttribute('step', '1');
    await typeValue(screen.getByRole('textbox', { name: /threshold.*\(typed value\)/i }), '55.5');
    expect(store.state.scenario.parameters.triggerThreshold.mode).toBe(55.5);
    expect(slider).toHaveAttribute('aria-valuetext', '55.5');
  });

  it('Enter, then leaving the field, is one step: one Undo goes back', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'escalationCeiling' });
    const field = screen.getByRole('textbox', { name: 'Escalation ceiling (typed value)' });
    await fireEvent.input(field, { target: { value: '2.5' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    await fireEvent.change(field, { target: { value: '2.5' } });
    expect(store.state.scenario.parameters.escalationCeiling.mode).toBe(2.5);
    store.undo();
    expect(store.state.scenario.parameters.escalationCeiling).toBeUndefined();
  });

  it('a value with more digits than the field shows keeps them when Enter is followed by leaving the field', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'escalationCeiling' });
    const field = screen.getByRole('textbox', { name: 'Escalation ceiling (typed value)' }) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '1.23456789' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(store.state.scenario.parameters.escalationCeiling.mode).toBe(1.23456789);
    // The field now shows the value rounded; leaving it fires "change" with that text.
    expect(field.value).toBe('1.23457');
    await fireEvent.change(field, { target: { value: field.value } });
    expect(store.state.scenario.parameters.escalationCeiling.mode).toBe(1.23456789);
    store.undo();
    expect(store.state.scenario.parameters.escalationCeiling).toBeUndefined();
  });

  it('a typed value in the domain is applied, and "reset" puts back the default', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'escalationCeiling' });
    await typeValue(screen.getByRole('textbox', { name: 'Escalation ceiling (typed value)' }), '2.5');
    expect(store.state.scenario.parameters.escalationCeiling.mode).toBe(2.5);
    expect(screen.getByRole('slider', { name: 'Escalation ceiling' })).toHaveValue('2.5');
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: /Reset Escalation ceiling/ }));
    expect(store.state.scenario.parameters.escalationCeiling).toBeUndefined();
  });

  it.each([
    ['-1', 'Escalation ceiling must be from 0 to 1000; kept 1.2'],
    ['abc', 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2'],
    ['', 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2'],
    ['1.2.3', 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2'],
    ['1,5', 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2 (write decimals with a point (0.5), not a comma)'],
    // A thousands separator is not called a decimal comma.
    ['1,000', 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2 (write it without thousands separators (1000, not 1,000))'],
  ])('refuses the typed value "%s" with a message, and keeps the old value', async (text, message) => {
    const { store } = renderWithStore(StoreParameter, { id: 'escalationCeiling' });
    const field = screen.getByRole('textbox', { name: 'Escalation ceiling (typed value)' });
    await typeValue(field, text);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    // The message first, then the control's help, which stays readable while the message shows.
    expect(field).toHaveAccessibleDescription(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} The runs draw it from 0\\.4 to 3\\.`));
    expect(store.state.scenario.parameters.escalationCeiling).toBeUndefined();
    expect(screen.getByRole('slider', { name: 'Escalation ceiling' })).toHaveValue('1.2');
    expect(store.canUndo).toBe(false);
  });

  it('a share outside 0–1 is refused naming the range; a valid value then clears the message', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'restraintDepth' });
    const field = screen.getByRole('textbox', { name: 'Restraint depth (typed value)' });
    await typeValue(field, '1.4');
    expect(screen.getByRole('alert')).toHaveTextContent('Restraint depth must be from 0 to 1; kept 0.2');
    await typeValue(field, '0.3');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.state.scenario.parameters.restraintDepth.mode).toBe(0.3);
  });

  it('Escape in the field puts back the value in force', async () => {
    renderWithStore(StoreParameter, { id: 'restraintDepth' });
    const field = screen.getByRole('textbox', { name: 'Restraint depth (typed value)' });
    await typeValue(field, '7');
    await fireEvent.keyDown(field, { key: 'Escape' });
    expect(field).toHaveValue('0.2');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Enter commits the typed value', async () => {
    const { store } = renderWithStore(StoreParameter, { id: 'vigilanceRamp' });
    const field = screen.getByRole('textbox', { name: 'Vigilance ramp-up (typed value)' });
    await fireEvent.input(field, { target: { value: '9' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(store.state.scenario.parameters.vigilanceRamp.mode).toBe(9);
  });
});

describe('Horizon', () => {
  it('slider and typed field set the months; outside 6–60 is refused', async () => {
    const { store } = renderWithStore(HorizonControl);
    await fireEvent.input(screen.getByRole('slider', { name: 'Horizon' }), { target: { value: '36' } });
    expect(store.state.scenario.horizonMonths).toBe(36);
    const field = screen.getByRole('textbox', { name: 'Horizon (typed value)' });
    await typeValue(field, '72');
    expect(screen.getByRole('alert')).toHaveTextContent('Horizon must be a whole number of months from 6 to 60; kept 36');
    expect(store.state.scenario.horizonMonths).toBe(36);
    await typeValue(field, '12');
    expect(store.state.scenario.horizonMonths).toBe(12);
  });
});

describe('Ensemble controls', () => {
  it('ensemble size offers 100 to 100,000 runs', async () => {
    const { store } = renderWithStore(EnsembleControls);
    const select = screen.getByRole('combobox', { name: 'Ensemble size' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['100 runs', '1,000 runs', '10,000 runs', '100,000 runs']);
    await fireEvent.change(select, { target: { value: '10000' } });
    expect(store.state.ensemble.runs).toBe(10_000);
  });

  it('the seed is applied on change; an empty one is refused', async () => {
    const { store } = renderWithStore(EnsembleControls);
    const seed = screen.getByRole('textbox', { name: 'Seed' });
    expect(seed).toHaveValue('stand-down');
    await typeValue(seed, 'tabletop-7');
    expect(store.state.ensemble.seed).toBe('tabletop-7');
    await typeValue(seed, '   ');
    expect(screen.getByRole('alert')).toHaveTextContent('Seed must be 1 to 200 characters; kept "tabletop-7"');
    expect(store.state.ensemble.seed).toBe('tabletop-7');
  });

  it('incident noise is a checkbox', async () => {
    const { store } = renderWithStore(EnsembleControls);
    const noise = screen.getByRole('checkbox', { name: 'Incident noise' });
    expect(noise).toBeChecked();
    await fireEvent.click(noise);
    expect(store.state.ensemble.noise).toBe(false);
    expect(noise).not.toBeChecked();
  });
});

/** Open every disclosure, level by level: closed ones render nothing inside until opened. */
async function openAll(container: HTMLElement): Promise<void> {
  for (;;) {
    const closed = [...container.querySelectorAll('details')].filter((d) => !d.open);
    if (!closed.length) return;
    for (const d of closed) {
      d.open = true;
      d.dispatchEvent(new Event('toggle'));
    }
    await tick();
  }
}

describe('Assumptions', () => {
  it('renders nothing inside until opened', () => {
    const { container } = renderWithStore(AssumptionsSection);
    expect(container.querySelectorAll('input[type=range]').length).toBe(0);
  });

  it('lists every uncertain parameter: a control for each, or a note where it is set above', async () => {
    const { container } = renderWithStore(AssumptionsSection);
    await openAll(container);
    const section = container.querySelector('details.assumptions') as HTMLElement;
    expect(within(section).getByText('Assumptions')).toBeInTheDocument();
    // Names read from the markup directly: getByRole for each of 34 parameters is too slow under jsdom.
    const sliders = new Set([...section.querySelectorAll<HTMLInputElement>('input[type=range]')].map((i) => i.labels?.[0]?.textContent?.trim()));
    const fields = new Set([...section.querySelectorAll('input[type=text]')].map((i) => i.getAttribute('aria-label')));
    const notes = [...section.querySelectorAll('ul.elsewhere')].map((u) => u.textContent).join(' ');
    for (const def of PARAMETERS) {
      if (SET_ABOVE.has(def.id)) {
        expect(sliders.has(def.label), def.id).toBe(false);
        expect(notes, def.id).toContain(`${def.label}:`);
      } else {
        expect(sliders.has(def.label), def.id).toBe(true);
        expect(fields.has(`${def.label} (typed value)`), def.id).toBe(true);
      }
    }
    expect(sliders.size).toBe(PARAMETERS.length - SET_ABOVE.size);
    // Spot-check that the accessible name really is the label.
    expect(within(section).getByRole('slider', { name: 'Escalation ceiling' })).toBeInTheDocument();
  });

  it('groups by the table\'s groups, and counts changes', async () => {
    const { store, container } = renderWithStore(AssumptionsSection);
    await openAll(container);
    const summaries = [...container.querySelectorAll('summary')].map((s) => s.textContent?.trim());
    expect(summaries).toEqual(
      expect.arrayContaining(["Russia's behaviour", 'US capabilities and allies', 'Private sector', 'US policy', 'Hospitals and health care']),
    );
    await fireEvent.input(screen.getByRole('slider', { name: 'Criminal coupling' }), { target: { value: '0.8' } });
    expect(store.state.scenario.parameters.criminalCoupling.mode).toBe(0.8);
    expect(screen.getByText(/1 changed/)).toBeInTheDocument();
  });

  it('a sector number refuses a negative cost', async () => {
    const { store, container } = renderWithStore(AssumptionsSection);
    await openAll(container);
    const field = screen.getByRole('textbox', { name: 'Health care: cost per incident (typed value)' });
    await typeValue(field, '-5');
    expect(screen.getByRole('alert')).toHaveTextContent('Health care: cost per incident must be from 0 to 10000; kept 8');
    expect(store.state.scenario.parameters['health.incidentCost']).toBeUndefined();
  });
});
