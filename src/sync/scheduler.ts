import { backoffDelay } from './backoff';
import type { SyncResult } from './engine';

/**
 * Decides when a sync actually runs, given the many reasons to want one: coalesces
 * requests that arrive while a sync runs into one more run, holds automatic attempts back
 * after failures (back-off), and stops automatic attempts when only a person can help
 * (token revoked, app too old) until someone taps "Sync now". No browser APIs here, so it
 * is tested with fake timers; triggers.ts feeds it the browser's events.
 */

/** `remote`: the server said another phone changed the club (watch.ts). */
export type SyncReason = 'start' | 'visible' | 'online' | 'write' | 'interval' | 'retry' | 'now' | 'remote';

/** Reasons strong enough to try at once even while backing off. */
const EAGER: ReadonlySet<SyncReason> = new Set(['now', 'online', 'start', 'visible', 'retry', 'remote']);

export interface SchedulerOptions {
  run: () => Promise<SyncResult>;
  random?: () => number;
  /** navigator.onLine: only a hint, used to skip the routine attempts while it says offline. */
  isOnline?: () => boolean;
  /** Told about every failure of an automatic attempt (the status in meta already says it). */
  onError?: (error: unknown) => void;
}

export class SyncScheduler {
  private failures = 0;
  private nextAttemptAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<SyncResult> | undefined;
  private again = false;
  private halted = false;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** Failures in a row since the last good sync. */
  get failureCount(): number {
    return this.failures;
  }

  /** When the next automatic attempt is due after a failure (0 when not backing off). */
  get retryAt(): number {
    return this.failures > 0 ? this.nextAttemptAt : 0;
  }

  /**
   * An automatic reason to sync. Never rejects: failures go to back-off and onError.
   * Resolves with the result of the run it joined or started, or undefined if skipped.
   */
  async request(reason: SyncReason): Promise<SyncResult | undefined> {
    if (this.stopped || this.halted) return undefined;
    if (!EAGER.has(reason)) {
      if (this.failures > 0 && Date.now() < this.nextAttemptAt) return undefined;
      if (this.options.isOnline && !this.options.isOnline()) return undefined;
    }
    try {
      return await this.attempt();
    } catch (error) {
      this.options.onError?.(error);
      return undefined;
    }
  }

  /** "Sync now": runs even while backing off or halted, and rejects if the sync fails. */
  syncNow(): Promise<SyncResult> {
    this.halted = false;
    return this.attempt();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private attempt(): Promise<SyncResult> {
    if (this.running) {
      // A change made during this sync may have missed its push: run once more after it.
      this.again = true;
      return this.running;
    }
    const run = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        // As a routine reason: after a failure, the back-off still decides when.
        void this.request('write');
      }
    });
    this.running = run;
    return run;
  }

  private async runOnce(): Promise<SyncResult> {
    try {
      const result = await this.options.run();
      this.failures = 0;
      this.nextAttemptAt = 0;
      clearTimeout(this.retryTimer);
      if (result.outcome === 'unauthorized' || result.outcome === 'upgrade_required') this.halted = true;
      return result;
    } catch (error) {
      this.failures++;
      const delay = backoffDelay(this.failures, this.options.random);
      this.nextAttemptAt = Date.now() + delay;
      clearTimeout(this.retryTimer);
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.request('retry'), delay);
      throw error;
    }
  }
}
