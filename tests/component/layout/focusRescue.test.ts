/**
 * The page-wide focus rescue (src/ui/layout/focusRescue.ts), in jsdom with
 * layout stubbed: when the focused control goes away, focus moves to a
 * control beside it, passing over charts' month sliders, which read a month
 * out when focused.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFocusRescue } from '../../../src/ui/layout/focusRescue';

let uninstall: () => void;
beforeEach(() => {
  // jsdom lays nothing out: every element counts as visible here.
  vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([{}] as unknown as DOMRectList);
  uninstall = installFocusRescue(document);
});
afterEach(() => {
  uninstall();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('focus rescue', () => {
  it("passes over a chart's month slider to the next control", async () => {
    document.body.innerHTML = `
      <section><button id="unpin">Unpin</button></section>
      <div class="sd-focus-layer" role="slider" tabindex="0" aria-label="Composite threat: month"></div>
      <button id="show">Show data</button>`;
    const unpin = document.getElementById('unpin')!;
    unpin.focus();
    unpin.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    unpin.remove();
    await settle();
    expect(document.activeElement?.id).toBe('show');
  });

  it('still uses a slider when nothing else is near', async () => {
    document.body.innerHTML = `<div><button id="only">Only</button></div><div class="sd-focus-layer" role="slider" tabindex="0"></div>`;
    const only = document.getElementById('only')!;
    only.focus();
    only.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    only.remove();
    await settle();
    expect(document.activeElement?.getAttribute('role')).toBe('slider');
  });
});
