/**
 * Undo/redo over Immer patches. Each committed update is one step; updates
 * made with `commit: false` (a slider being dragged) are gathered into a
 * pending step that the next committed update closes, so a whole drag undoes
 * at once. Updates with `record: false` (switching views) change the state
 * but never become steps: patches are path-based, so undoing a scenario edit
 * leaves the current view alone.
 */
import { applyPatches, enablePatches, freeze, produceWithPatches, type Patch } from 'immer';

enablePatches();

export interface Step {
  patches: Patch[];
  inverse: Patch[];
}

export interface UpdateOptions {
  /** true: this update ends a step (a click, a typed value, the end of a drag). */
  commit: boolean;
  /** false: not undoable (navigation). Default true. */
  record?: boolean;
}

/** A recipe that may refuse: it returns a message and leaves the draft untouched. */
export type Recipe<T> = (draft: T) => string | null | void;

export const HISTORY_LIMIT = 200;

export class History<T> {
  private past: Step[] = [];
  private future: Step[] = [];
  private pending: Step | null = null;

  public state: T;

  constructor(
    initial: T,
    private readonly limit = HISTORY_LIMIT,
  ) {
    // Freeze the starting state too, so every state the app sees is immutable alike.
    this.state = freeze(initial, true);
  }

  /** Apply a recipe; returns its refusal message or null. */
  update(recipe: Recipe<T>, options: UpdateOptions): string | null {
    let error: string | null = null;
    const [next, patches, inverse] = produceWithPatches(this.state, (draft) => {
      error = (recipe(draft as T) as string | null | undefined) ?? null;
    });
    if (patches.length > 0) {
      this.state = next as T;
      if (options.record === false) return error;
      this.future = [];
      if (this.pending) {
        this.pending.patches.push(...patches);
        this.pending.inverse = [...inverse, ...this.pending.inverse];
      } else {
        this.pending = { patches: [...patches], inverse: [...inverse] };
      }
    }
    if (options.commit && options.record !== false) this.flush();
    return error;
  }

  /** Close the pending step (if any). */
  flush(): void {
    if (!this.pending) return;
    this.past.push(this.pending);
    this.pending = null;
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
  }

  get canUndo(): boolean {
    return this.past.length > 0 || this.pending !== null;
  }

  get canRedo(): boolean {
    return this.future.length > 0 && this.pending === null;
  }

  /** Number of steps that can be undone. */
  get depth(): number {
    return this.past.length + (this.pending ? 1 : 0);
  }

  undo(): boolean {
    this.flush();
    const step = this.past.pop();
    if (!step) return false;
    this.state = applyPatches(this.state as object, step.inverse) as T;
    this.future.push(step);
    return true;
  }

  redo(): boolean {
    if (this.pending) return false;
    const step = this.future.pop();
    if (!step) return false;
    this.state = applyPatches(this.state as object, step.patches) as T;
    this.past.push(step);
    return true;
  }

  /** Replace the state and forget the history (e.g. after a crash). */
  reset(state: T): void {
    this.state = freeze(state, true);
    this.past = [];
    this.future = [];
    this.pending = null;
  }
}
