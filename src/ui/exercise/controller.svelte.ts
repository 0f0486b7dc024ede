/**
 * The facilitator console's state: the script and the session (immutable,
 * in `$state.raw`), and what the last action said. Every change goes through
 * the pure core's `step`, with the caller's clock as `now`.
 */
import type { Scenario } from '../../model/types';
import { checkAction, createSession, step, type ExerciseAction, type ExerciseSession } from '../../exercise/session';
import { describeLogEntry } from '../../exercise/views';
import { tidy } from './labels';

/** Actions without their clock: the controller adds `now`. */
export type ConsoleAction = ExerciseAction extends infer A ? (A extends ExerciseAction ? Omit<A, 'now'> : never) : never;

export class ExerciseController {
  /** Exercise scripts the facilitator can choose from: the app's, then any opened from a file. */
  exercises: readonly Scenario[];
  /** The app's own scripts (a script not among them is saved and linked with its session). */
  readonly builtIn: readonly Scenario[];
  script: Scenario;
  session: ExerciseSession;
  /** Why the last action was refused ('' when it was not). */
  error = $state('');
  /** What the last action did, in a sentence. */
  status = $state('');
  private readonly clock: () => number;

  constructor(exercises: readonly Scenario[], clock: () => number = Date.now) {
    if (!exercises.length) throw new Error('No exercise scripts are available.');
    this.builtIn = exercises;
    this.exercises = $state.raw(exercises);
    this.clock = clock;
    // Immer's frozen sessions go in $state.raw: a deep proxy would break them.
    this.script = $state.raw(exercises[0]);
    this.session = $state.raw(createSession(exercises[0]));
  }

  now(): number {
    return this.clock();
  }

  private withNow(action: ConsoleAction): ExerciseAction {
    return { ...action, now: this.clock() } as ExerciseAction;
  }

  /** Apply an action; false (and `error` set) when the core refuses it. */
  dispatch(action: ConsoleAction, success?: string): boolean {
    const before = this.session;
    const result = step(before, this.script, this.withNow(action));
    if (result.error) {
      this.error = result.error;
      return false;
    }
    this.session = result.session;
    this.error = '';
    const added = result.session.log.length > before.log.length ? result.session.log.at(-1) : undefined;
    if (success !== undefined) this.status = success;
    else if (action.type === 'undo') {
      // What was undone and where the exercise is now: each undo says something new, so a screen reader reads each one.
      const undone = before.log.length > result.session.log.length ? before.log.at(-1) : undefined;
      const what = undone ? ` ${tidy(describeLogEntry(this.script, undone))}` : '';
      this.status = `Undone:${what} Now month ${result.session.month}.`;
    }
    else if (added) this.status = tidy(describeLogEntry(this.script, added));
    return true;
  }

  /** Why an action would be refused now, or null (for disabling buttons with a reason). */
  reason(action: ConsoleAction): string | null {
    return checkAction(this.session, this.script, this.withNow(action));
  }

  /** Pick another exercise script; only before the exercise starts. */
  chooseScript(id: string): void {
    const script = this.exercises.find((s) => s.id === id);
    if (!script || script === this.script) return;
    if (this.session.phase !== 'briefing') {
      this.error = 'The exercise has started; use "Start over" to choose another one.';
      return;
    }
    this.script = script;
    this.session = createSession(script);
    this.error = '';
    this.status = `Exercise chosen: ${script.title}.`;
  }

  /**
   * Offer a script opened from a file, and choose it; only before the
   * exercise starts. Returns why it was refused, or null. One opened before
   * with the same id is replaced (a corrected file); the app's own are not.
   */
  addScript(script: Scenario): string | null {
    if (this.session.phase !== 'briefing') return 'The exercise has started; use "Start over" before opening another script.';
    if (!script.exercise) return 'This file is a scenario without an exercise section (objectives and modules), so it cannot be played as an exercise.';
    if (this.builtIn.some((s) => s.id === script.id)) return `The app already has an exercise with the id "${script.id}"; give your script another id.`;
    this.include(script);
    this.chooseScript(script.id);
    return null;
  }

  /** Put a script opened from a file (or restored with its session) in the list, in place of one of the same id. */
  private include(script: Scenario): void {
    if (this.exercises.includes(script)) return;
    this.exercises = [...this.exercises.filter((s) => s.id !== script.id), script];
  }

  /** Discard the session and return to the briefing of the same script. */
  startOver(): void {
    this.session = createSession(this.script);
    this.error = '';
    this.status = 'Started over: a new session, in the briefing.';
  }

  /** Replace the session (from an autosave, a link or another tab), already checked. */
  restore(script: Scenario, session: ExerciseSession, message = ''): void {
    this.include(script);
    this.script = script;
    this.session = session;
    this.error = '';
    this.status = message;
  }
}
