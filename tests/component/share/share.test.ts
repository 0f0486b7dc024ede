import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { beforeAll } from 'vitest';
import App from '../../../src/App.svelte';
import { initialState, pin, setResponse, setView } from '../../../src/state/edits';
import { Notices } from '../../../src/state/notices.svelte';
import { Session, loadScenarioParser } from '../../../src/state/session.svelte';
import { AppStore } from '../../../src/state/store.svelte';
import { SyncRunner } from '../../../src/worker/runner';

vi.setConfig({ testTimeout: 30_000 });

function renderWithSession() {
  const base = initialState();
  const store = new AppStore({ ...base, ensemble: { ...base.ensemble, runs: 100 } });
  const session = new Session(store, { baseUrl: () => 'https://example.org/app/' });
  render(App, { props: { store, session, makeRunner: () => new SyncRunner(), notices: new Notices() } });
  return { store, session };
}


// Importing a file loads the YAML parser on demand; these tests call importText directly.
beforeAll(loadScenarioParser);

describe('share, save and import in the app', () => {
  it('banners show link problems as text, never as markup, and can be dismissed', async () => {
    const { session } = renderWithSession();
    session.showBanner('link', 'Part of this link could not be used.', ['Unknown link field "<img src=x onerror=alert(1)>" ignored.']);
    await Promise.resolve();
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Unknown link field "<img src=x onerror=alert(1)>" ignored.');
    expect(banner.querySelector('img')).toBeNull();
    await fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss: Part of this link could not be used.' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Share link shows the link in a selected read-only field (no clipboard here); it follows the state', async () => {
    const { store } = renderWithSession();
    await fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    const field = (await screen.findByRole('textbox', { name: 'Link to this view' })) as HTMLInputElement;
    expect(field).toHaveAttribute('readonly');
    expect(field.value).toMatch(/^https:\/\/example\.org\/app\/#v=1&m=1\.1&s=deprioritized-free-hits-trigger&n=100&/);
    expect(field).toHaveFocus();
    expect(await screen.findByText(/Selected: press Ctrl\+C \(⌘C on a Mac\) to copy, or on a phone touch and hold it\./)).toBeInTheDocument();
    // No share sheet here (jsdom has none): no Share button.
    expect(screen.queryByRole('button', { name: 'Share…' })).toBeNull();
    store.update(setResponse('restraint'));
    await Promise.resolve();
    expect(field.value).toContain('r=restraint');
  });

  it("where the browser has a share sheet, Share… hands it the link; closing the sheet is not an error", async () => {
    const shared: ShareData[] = [];
    let answer: () => Promise<void> = () => Promise.resolve();
    Object.defineProperty(navigator, 'share', { configurable: true, value: (data: ShareData) => (shared.push(data), answer()) });
    try {
      renderWithSession();
      await fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
      const field = (await screen.findByRole('textbox', { name: 'Link to this view' })) as HTMLInputElement;
      answer = () => Promise.reject(new DOMException('closed', 'AbortError'));
      await fireEvent.click(screen.getByRole('button', { name: 'Share…' }));
      await vi.waitFor(() => expect(shared).toEqual([{ title: 'Stand-Down scenario', url: field.value }]));
      expect(screen.queryByText(/Sharing did not work/)).toBeNull();
      answer = () => Promise.reject(new DOMException('not allowed', 'NotAllowedError'));
      await fireEvent.click(screen.getByRole('button', { name: 'Share…' }));
      expect(await screen.findByText('Sharing did not work: not allowed')).toBeInTheDocument();
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
  });

  it('Copy citation gives title, date, link and state hash', async () => {
    renderWithSession();
    await fireEvent.click(screen.getByRole('button', { name: 'Copy citation' }));
    const field = (await screen.findByRole('textbox', { name: 'Citation' })) as HTMLTextAreaElement;
    expect(field.value).toMatch(/^Stand-Down \(model 1\.1; a teaching model, not a forecast\), “Russia deprioritized, free hits, and the US reverses course”, \d{4}-\d\d-\d\d\. https:\/\/example\.org\/app\/#v=1.* \(state [0-9a-z]{10}\)$/);
  });

  it('a malformed import lists its problems with line and field', async () => {
    const { session } = renderWithSession();
    session.importText('id: x\ntitle: X\ninterpretation: hawkish\nresponse: free-hits\npolicy: { kind: indefinite }\nhorizonMonths: 24\n', 'x.yaml');
    await Promise.resolve();
    const list = await screen.findByRole('list', { name: 'Problems in x.yaml' });
    const item = within(list).getAllByRole('listitem')[0];
    // The field is named once: its message begins with it.
    expect(item.textContent!.replace(/\s+/g, ' ').trim()).toMatch(/^Line 3 · interpretation must be one of .*"hawkish"/);
    expect(screen.getByRole('button', { name: 'Import' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('My scenarios: save, delete and undo the delete', async () => {
    const { session } = renderWithSession();
    await fireEvent.click(screen.getByRole('button', { name: 'My scenarios' }));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Save the current scenario as' }), { target: { value: '<b>Mine</b>' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const list = screen.getByRole('list', { name: 'My scenarios' });
    expect(list).toHaveTextContent('<b>Mine</b>');
    expect(list.querySelector('b')).toBeNull();
    await fireEvent.click(within(list).getByRole('button', { name: 'Delete <b>Mine</b>' }));
    expect(session.myScenarios).toEqual([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Undo delete' }));
    expect(session.myScenarios.map((m) => m.name)).toEqual(['<b>Mine</b>']);
  });

  it('on a shared computer, deletes everything Stand-Down saved in this browser, after asking, and saves nothing more', async () => {
    localStorage.clear();
    localStorage.setItem('stand-down-exercise', '{"notes":"private"}');
    localStorage.setItem('stand-down-exercise:replaced', '{}');
    localStorage.setItem('stand-down:saved-work:backup', '{}');
    localStorage.setItem('another-app', 'theirs');
    const base = initialState();
    const store = new AppStore({ ...base, ensemble: { ...base.ensemble, runs: 100 } });
    const session = new Session(store, { baseUrl: () => 'https://example.org/app/', storage: localStorage, autosave: true, delayMs: 1 });
    render(App, { props: { store, session, makeRunner: () => new SyncRunner(), notices: new Notices() } });
    await fireEvent.click(screen.getByRole('button', { name: 'My scenarios' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(localStorage.getItem('stand-down:saved-work')).toContain('myScenarios');

    await fireEvent.click(screen.getByRole('button', { name: 'Delete everything Stand-Down saved in this browser…' }));
    // The safe answer has focus: Enter pressed by habit deletes nothing.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' })));
    expect(screen.getByRole('group', { name: /This cannot be undone/ })).toBeInTheDocument();
    // Escape answers Cancel, and only that: the panel stays open, focus back on the question's button.
    await fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete everything Stand-Down saved in this browser…' })));
    expect(screen.getByRole('textbox', { name: 'Save the current scenario as' })).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete everything Stand-Down saved in this browser…' }));
    store.update(setResponse('restraint'), { commit: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    const outcome = screen.getByText(/^Deleted what Stand-Down kept in this browser \(4 storage entries: .*\) and started again from the default scenario\. This tab saves nothing more/);
    // Focus, and the screen, on the outcome (it went to a chart far below).
    await vi.waitFor(() => expect(document.activeElement).toBe(outcome));
    // The panel's earlier "Saved …" message is gone with what it spoke of.
    expect(screen.queryByText(/^Saved “/)).toBeNull();
    expect(Object.keys(localStorage)).toEqual(['another-app']);
    expect(session.myScenarios).toEqual([]);
    // What was on screen, and its undo steps, went too: the address bar showed them to the next person.
    expect(store.state.scenario).toEqual(initialState().scenario);
    expect(store.canUndo).toBe(false);

    // Changes and saves after that write nothing back.
    store.update(setResponse('free-hits'), { commit: true });
    await new Promise((r) => setTimeout(r, 20));
    session.save();
    expect(session.saveScenario('Later')).toMatch(/listed for this visit only .* since you deleted what Stand-Down saved/);
    expect(Object.keys(localStorage)).toEqual(['another-app']);
    localStorage.clear();
  });

  it('a link over the length limit offers the scenario as a file instead', async () => {
    const { store } = renderWithSession();
    store.load({ ...store.state, scenario: { ...store.state.scenario, summary: Array.from({ length: 500 }, (_, i) => `w${i * 7919}`).join(' ') } });
    await fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    expect(await screen.findByText(/This link is [\d,]+ characters long; some apps cut links longer than 2,000/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the scenario file' })).toBeInTheDocument();
  });
});

describe('exports while a new ensemble computes', () => {
  /** Answers the first request at once and holds later ones until `release`. */
  class HeldRunner extends SyncRunner {
    held: (() => void)[] = [];
    calls = 0;
    override request(...args: Parameters<SyncRunner['request']>) {
      if (this.calls++ === 0) super.request(...args);
      else this.held.push(() => super.request(...args));
    }
    release() {
      for (const answer of this.held.splice(0)) answer();
    }
  }

  it("names an edited preset's scenario file as the app titles it, as its other files are", async () => {
    const { store } = renderWithSession();
    store.update(setResponse('restraint'), { commit: true });
    // jsdom has no object URLs: a stand-in, so the download can be made.
    URL.createObjectURL ??= () => 'blob:stand-in';
    URL.revokeObjectURL ??= () => {};
    await fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Scenario (YAML)' }));
    const saved = await screen.findByText(/^Saved .*\.yaml\.$/);
    // It was named after the unedited preset ("…russia-deprioritized-free-hits-and-the-us-reverses-course…").
    expect(saved.textContent).toMatch(/edited/);
    expect(saved.textContent).not.toMatch(/reverses-course/);
  });

  it('offers no ensemble file, and no chart image, whose numbers are not from the settings its header names', async () => {
    const base = initialState();
    const store = new AppStore({ ...base, ensemble: { ...base.ensemble, runs: 100 } });
    const runner = new HeldRunner();
    render(App, { props: { store, session: new Session(store, { baseUrl: () => 'https://example.org/app/' }), makeRunner: () => runner, notices: new Notices() } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    const csv = await screen.findByRole('button', { name: 'Ensemble summary (CSV)' });
    const json = screen.getByRole('button', { name: 'Full results (JSON)' });
    expect(csv).toBeEnabled();
    expect(json).toBeEnabled();

    // A change starts a new ensemble; the charts keep the old one meanwhile.
    store.update(setResponse('restraint'));
    await vi.waitFor(() => expect(runner.held).toHaveLength(1));
    await vi.waitFor(() => expect(csv).toBeDisabled());
    expect(json).toBeDisabled();
    // The reason is tied to the buttons, for a screen reader that meets them disabled.
    expect(csv).toHaveAccessibleDescription(/ready when the ensemble for these settings has finished/);
    expect(json).toHaveAccessibleDescription(/ready when the ensemble for these settings has finished/);
    await fireEvent.click(screen.getAllByRole('button', { name: /as PNG$/ })[0]);
    expect(await screen.findByText(/could not be made: the ensemble for these settings is still being computed/)).toBeInTheDocument();

    // Explain's chart does not draw the ensemble: its image is not held back.
    store.update(setView('explain'));
    const png = await screen.findByRole('button', { name: /^Download Explanation .* as PNG$/ });
    await fireEvent.click(png);
    await vi.waitFor(() => expect(png.parentElement!.textContent).toMatch(/Saved|could not be made/));
    expect(png.parentElement!.textContent).not.toMatch(/still being computed/);
    store.update(setView('explore'));

    runner.release();
    await vi.waitFor(() => expect(csv).toBeEnabled());
    expect(json).toBeEnabled();
  });

  it("refuses Compare's chart image while a pinned scenario's line is missing from it", async () => {
    const base = initialState();
    const store = new AppStore({ ...base, ensemble: { ...base.ensemble, runs: 100 } });
    const runner = new HeldRunner();
    render(App, { props: { store, session: new Session(store, { baseUrl: () => 'https://example.org/app/' }), makeRunner: () => runner, notices: new Notices() } });
    store.update(pin('First'), { commit: true });
    store.update(setResponse('restraint'), { commit: true });
    runner.release();
    store.update(setView('compare'));
    // The pin's ensemble (and the grid's) wait in the runner: the chart has no line for it yet.
    await vi.waitFor(() => expect(runner.held.length).toBeGreaterThan(0));
    const png = await screen.findByRole('button', { name: /^Download Composite threat as PNG$/ });
    await fireEvent.click(png);
    await vi.waitFor(() => expect(png.parentElement!.textContent).toMatch(/could not be made: the pinned scenarios' ensembles are still being computed \(“First”\)/));
  });
});
