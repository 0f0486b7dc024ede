/**
 * Non-blocking notices: unexpected errors caught by the window listeners
 * are shown as dismissible messages instead of failing silently.
 */

export interface Notice {
  id: number;
  message: string;
}

export class Notices {
  items = $state.raw<Notice[]>([]);
  #next = 1;

  /** Add a notice; the same message is not repeated while it is shown. */
  push(message: string): void {
    if (this.items.some((n) => n.message === message)) return;
    this.items = [...this.items, { id: this.#next++, message }].slice(-3);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

/** The app's notices. */
export const notices = new Notices();

/** Plain text of whatever was thrown. */
export function describeError(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason === 'string') return reason;
  try {
    return JSON.stringify(reason) ?? String(reason);
  } catch {
    return String(reason);
  }
}

/** Report uncaught errors and rejected promises as notices. Returns a function that removes the listeners. */
export function installGlobalErrorHandlers(target: Window = window, into: Notices = notices): () => void {
  const onError = (e: ErrorEvent) => {
    // Browsers report this harmless layout notice as an error; it is not one.
    if (/ResizeObserver loop/.test(e.message ?? '')) return;
    into.push(`Something went wrong: ${describeError(e.error ?? e.message)}`);
  };
  const onRejection = (e: PromiseRejectionEvent) => into.push(`Something went wrong: ${describeError(e.reason)}`);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
