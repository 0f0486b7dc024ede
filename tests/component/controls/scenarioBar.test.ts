/** The scenario bar: the About panel says when its text is the original preset's, before it is opened. */
import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { setResponse } from '../../../src/state/edits';
import ScenarioBar from '../../../src/ui/layout/ScenarioBar.svelte';
import { renderWithStore } from './helpers';

describe('ScenarioBar', () => {
  it('names the About panel for the preset once the scenario is changed, and says the text may not fit', async () => {
    const { store } = renderWithStore(ScenarioBar as never);
    expect(screen.getByText('About this scenario')).toBeInTheDocument();
    store.update(setResponse('skeptic'), { commit: true });
    // A student who picked "No change" read the preset's free-hits summary and quotes as theirs.
    const summary = await screen.findByText('About the preset you started from');
    await fireEvent.click(summary);
    expect(await screen.findByText(/the description and quotes below are of the original, and may not fit what you now see/)).toBeInTheDocument();
  });
});
