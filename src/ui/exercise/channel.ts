/**
 * Keeping the projector in step with the console without a server: a
 * BroadcastChannel between windows of the same browser and site. The
 * console posts only `playerView(...)` output (never the session or the
 * script); a player window says hello when it opens and the console answers
 * with the current view. Incoming messages are checked before use.
 */
import type { PlayerView } from '../../exercise/views';
import { parsePlayerView } from './playerViewSchema';

export const CHANNEL_NAME = 'stand-down-exercise';

/** What travels on the channel. `sentAt` lets the projector run a timer between messages. */
export type ChannelMessage = { type: 'hello' } | { type: 'view'; view: PlayerView; sentAt: number };

/** The channel as the components use it (a fake in tests). */
export interface ExerciseChannel {
  post(message: ChannelMessage): void;
  /** Listen for valid messages; returns a function that stops listening. */
  listen(handler: (message: ChannelMessage) => void): () => void;
  close(): void;
}

/** A message from the channel, checked; null for anything else. */
export function readMessage(data: unknown): ChannelMessage | null {
  if (data === null || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'hello') return { type: 'hello' };
  if (m.type === 'view' && typeof m.sentAt === 'number' && Number.isFinite(m.sentAt)) {
    const parsed = parsePlayerView(m.view);
    return parsed.ok ? { type: 'view', view: parsed.view, sentAt: m.sentAt } : null;
  }
  return null;
}

/** The browser's channel, or null where BroadcastChannel is missing (old browsers, jsdom). */
export function openChannel(name: string = CHANNEL_NAME): ExerciseChannel | null {
  if (typeof globalThis.BroadcastChannel !== 'function') return null;
  let bc: BroadcastChannel;
  try {
    bc = new BroadcastChannel(name);
  } catch {
    return null;
  }
  return {
    post(message) {
      try {
        bc.postMessage(message);
      } catch {
        // A closed channel: the page is going away.
      }
    },
    listen(handler) {
      const onMessage = (e: MessageEvent) => {
        const message = readMessage(e.data);
        if (message) handler(message);
      };
      bc.addEventListener('message', onMessage);
      return () => bc.removeEventListener('message', onMessage);
    },
    close() {
      bc.close();
    },
  };
}
