/** Fakes for the exercise page's outside world: storage, the window channel and the clock. */
import type { Scenario } from '../../../src/model/types';
import type { ChannelMessage, ExerciseChannel } from '../../../src/ui/exercise/channel';
import type { ExerciseStorage } from '../../../src/ui/exercise/storage';
import { DISK } from '../../helpers/presets';

export const CLASSROOM = DISK.exercises.find((s) => s.id === 'exercise-classroom-20')!;
export const PRACTITIONERS = DISK.exercises.find((s) => s.id === 'exercise-practitioners-60')!;
export const EXERCISES = DISK.exercises;

/** An in-memory Storage. */
export function memoryStorage(initial: Record<string, string> = {}): ExerciseStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

/** A channel that records what is posted and lets a test deliver messages. */
export function fakeChannel() {
  const posted: ChannelMessage[] = [];
  const handlers = new Set<(m: ChannelMessage) => void>();
  const channel: ExerciseChannel & { posted: ChannelMessage[]; deliver: (m: ChannelMessage) => void } = {
    posted,
    post: (m) => void posted.push(structuredClone(m)),
    listen: (h) => {
      handlers.add(h);
      return () => void handlers.delete(h);
    },
    close: () => handlers.clear(),
    deliver: (m) => handlers.forEach((h) => h(m)),
  };
  return channel;
}

/** A clock that moves on a second each time it is read. */
export function steppingClock(start = Date.UTC(2025, 2, 14, 9, 0, 0)) {
  let t = start;
  return () => (t += 1000);
}

/** Every text the players must never see: notes, expected effects (and, until revealed, inject titles). */
export function secrets(script: Scenario): { notes: string[]; effects: string[] } {
  return {
    notes: script.injects.map((i) => i.notes ?? '').filter(Boolean),
    effects: script.injects.flatMap((i) => i.decision?.options.map((o) => o.expectedEffect ?? '') ?? []).filter(Boolean),
  };
}

/** Collapse whitespace, as rendered text does. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
