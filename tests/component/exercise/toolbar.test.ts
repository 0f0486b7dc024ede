/** The console toolbar's "Start over…" question: it takes focus, and gives it back when kept. */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ConsoleToolbar from '../../../src/ui/exercise/ConsoleToolbar.svelte';

function setup() {
  const onstartover = vi.fn();
  render(ConsoleToolbar, {
    undoReason: null, onundo: vi.fn(), onplayer: vi.fn(), mode: 'console', onmode: vi.fn(), started: true, onstartover,
    facilitatorLink: () => 'https://example.org/f', playerLink: () => 'https://example.org/p',
  });
  return { onstartover };
}

describe('Start over…', () => {
  it('asks, with focus on "Keep it"; Escape and "Keep it" give focus back to "Start over…"', async () => {
    const { onstartover } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start over…' }));
    await tick();
    expect(screen.getByRole('group', { name: 'Discard this session?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await fireEvent.keyDown(screen.getByRole('button', { name: 'Keep it' }), { key: 'Escape' });
    await tick();
    expect(screen.getByRole('button', { name: 'Start over…' })).toHaveFocus();

    await fireEvent.click(screen.getByRole('button', { name: 'Start over…' }));
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    await tick();
    expect(screen.getByRole('button', { name: 'Start over…' })).toHaveFocus();
    expect(onstartover).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Start over…' }));
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, start over' }));
    expect(onstartover).toHaveBeenCalledOnce();
  });
});
