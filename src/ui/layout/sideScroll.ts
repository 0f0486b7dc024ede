/**
 * The attributes of a box that scrolls sideways (a wide table or chart on a
 * phone): while its content is wider than it, a named region the keyboard can
 * reach and scroll (WCAG 2.1.1); otherwise none, so that it is no extra Tab stop.
 */
export function sideScrollAttributes(scrolls: boolean, name: string): { role?: 'region'; 'aria-label'?: string; tabindex?: 0 } {
  return scrolls ? { role: 'region', 'aria-label': `${name} (scrolls sideways)`, tabindex: 0 } : {};
}
