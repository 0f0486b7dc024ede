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

describe('the console status after Undo', () => {
  it('says what was undone and where the exercise is now, so repeated undos are each read', async () => {
    const { ExerciseController } = await import('../../../src/ui/exercise/controller.svelte');
    const { CLASSROOM } = await import('./helpers');
    const c = new ExerciseController([CLASSROOM], () => 0);
    c.dispatch({ type: 'start', teams: ['Red'] });
    for (let i = 0; i < 3; i++) c.dispatch({ type: 'advance', skipUnrevealed: true });
    const said: string[] = [];
    for (let i = 0; i < 3; i++) {
      c.dispatch({ type: 'undo' });
      said.push(c.status);
    }
    expect(said[0]).toMatch(/^Undone: .+ Now month 2\.$/);
    expect(said[2]).toMatch(/Now month 0\.$/);
    expect(new Set(said).size).toBe(3);
  });
});
