/**
 * Keyboard focus must not fall to <body> when the control that had it goes
 * away: a button that disables itself once used (Reset to preset, the last
 * Undo, Pin at four), one swapped for another (Start → Pause), a row removed
 * (Unpin, Delete), a view replaced (Start the exercise). The browser then
 * puts focus on <body>: a screen reader goes silent and starts reading from
 * the top, and the next Tab starts from the top of the page.
 *
 * One mechanism for the whole page instead of a fix per button: when focus
 * is on <body> just after an action, and the control that had it is gone,
 * disabled or hidden, focus moves to the nearest control that was next to
 * it (after it first, then before it), else to the nearest focusable
 * container around it (a region with tabindex="-1", such as the exercise's
 * main area), else to the first control there. Components that place focus
 * themselves (a panel returning it to its opener) do so before this looks,
 * and it leaves focus alone when the control is still there (a click on an
 * empty part of the page).
 */

const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
/** Neighbours remembered on each side of the focused control. */
const NEIGHBOURS = 4;

/** Connected, enabled, visible and not inert: focus can go there. */
export function canTakeFocus(el: Element | null | undefined): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.isConnected) return false;
  if ((el as HTMLButtonElement).disabled || el.closest('[inert], fieldset[disabled]')) return false;
  return el.getClientRects().length > 0;
}

interface Remembered {
  /** The focused control, then its ancestors up to (not including) <body>. */
  path: HTMLElement[];
  after: HTMLElement[];
  before: HTMLElement[];
}

function remember(target: HTMLElement, doc: Document): Remembered {
  const path: HTMLElement[] = [];
  for (let el: HTMLElement | null = target; el && el !== doc.body; el = el.parentElement) path.push(el);
  const all = Array.from(doc.body.querySelectorAll<HTMLElement>(TABBABLE));
  const at = all.indexOf(target);
  return {
    path,
    after: at < 0 ? [] : all.slice(at + 1, at + 1 + NEIGHBOURS),
    before: at < 0 ? [] : all.slice(Math.max(0, at - NEIGHBOURS), at).reverse(),
  };
}

/**
 * A chart's month slider: focusing it moves the chart's cursor and reads a
 * month out, so it is a poor place to land after an action elsewhere.
 */
const isChartSlider = (el: HTMLElement) => el.getAttribute('role') === 'slider' && el.classList.contains('sd-focus-layer');

/** Where focus should go when the remembered control can no longer hold it (null: nowhere better). */
export function fallbackFor(r: Remembered): HTMLElement | null {
  const neighbours = [...r.after, ...r.before].filter(canTakeFocus);
  const near = neighbours.find((el) => !isChartSlider(el));
  if (near) return near;
  for (const el of r.path.slice(1)) {
    if (!el.isConnected) continue;
    if (el.hasAttribute('tabindex') && canTakeFocus(el)) return el;
    const inside = Array.from(el.querySelectorAll<HTMLElement>(TABBABLE)).find((c) => canTakeFocus(c) && !isChartSlider(c));
    if (inside) return inside;
  }
  return neighbours[0] ?? null;
}

/** Install on a page; returns a function that removes it. */
export function installFocusRescue(doc: Document = document): () => void {
  let last: Remembered | null = null;
  let pending = 0;
  const check = () => {
    pending = 0;
    const active = doc.activeElement;
    if (!last || (active && active !== doc.body)) return;
    if (canTakeFocus(last.path[0])) return; // still there: the person moved focus away themselves
    const next = fallbackFor(last);
    if (!next) return;
    if (last.path.includes(next)) {
      // A container: the view inside it was replaced (Start the exercise), so show it from its top.
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: 'start' });
    } else next.focus();
  };
  // After the action's own updates (Svelte flushes in microtasks) and any focus a component placed.
  const later = () => {
    if (!pending) pending = window.setTimeout(check, 0);
  };
  const onFocusIn = (e: FocusEvent) => {
    if (e.target instanceof HTMLElement && e.target !== doc.body) last = remember(e.target, doc);
  };
  const onFocusOut = (e: FocusEvent) => {
    if (!e.relatedTarget) later();
  };
  const onAction = (e: Event) => {
    if (e.type === 'click' || (e as KeyboardEvent).key) later();
  };
  doc.addEventListener('focusin', onFocusIn);
  doc.addEventListener('focusout', onFocusOut);
  doc.addEventListener('click', onAction, true);
  doc.addEventListener('keydown', onAction, true);
  return () => {
    doc.removeEventListener('focusin', onFocusIn);
    doc.removeEventListener('focusout', onFocusOut);
    doc.removeEventListener('click', onAction, true);
    doc.removeEventListener('keydown', onAction, true);
    if (pending) clearTimeout(pending);
  };
}
