import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, BACKOFF_STEPS_MS } from '../../src/sync/backoff';
import { SyncScheduler } from '../../src/sync/scheduler';
import { withSyncLock } from '../../src/sync/lock';
import type { SyncResult } from '../../src/sync/engine';
import { RetryableSyncError } from '../../src/sync/errors';

const done: SyncResult = { outcome: 'done', acknowledged: 0, rejected: 0, pulled: 0, received: 0 };

afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('waits about 20 s, 40 s, 5 min, then 15 min, within ±20 %', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 0.5))).toEqual([20_000, 40_000, 300_000, 900_000, 900_000, 900_000]);
    expect(backoffDelay(1, () => 0)).toBe(16_000);
    expect(backoffDelay(4, () => 1)).toBe(1_080_000);
    expect(backoffDelay(0)).toBe(0);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(2);
      expect(delay).toBeGreaterThanOrEqual(BACKOFF_STEPS_MS[1] * 0.8);
      expect(delay).toBeLessThanOrEqual(BACKOFF_STEPS_MS[1] * 1.2);
    }
  });
});

describe('SyncScheduler', () => {
  function failing() {
    const calls: number[] = [];
    let fail = true;
    const scheduler = new SyncScheduler({
      random: () => 0.5,
      run: async () => {
        calls.push(Date.now());
        if (fail) throw new RetryableSyncError('offline', { cause: null });
        return done;
      },
    });
    return { scheduler, calls, heal: () => (fail = false) };
  }

  it('retries after 20 s, 40 s, 5 min, 15 min, and resets after a success', async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const { scheduler, calls, heal } = failing();
    await scheduler.request('start');
    for (const step of [20_000, 40_000, 300_000, 900_000, 900_000]) await vi.advanceTimersByTimeAsync(step);
    expect(calls.map((t) => t - start)).toEqual([0, 20_000, 60_000, 360_000, 1_260_000, 2_160_000]);
    expect(scheduler.failureCount).toBe(6);

    heal();
    await vi.advanceTimersByTimeAsync(900_000);
    expect(scheduler.failureCount).toBe(0);
    expect(scheduler.retryAt).toBe(0);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toHaveLength(7); // no more retries once healthy
    scheduler.stop();
  });

  it('skips routine attempts while backing off, but not "Sync now" or the browser saying online', async () => {
    vi.useFakeTimers();
    const { scheduler, calls } = failing();
    await scheduler.request('start');
    expect(await scheduler.request('interval')).toBeUndefined();
    expect(await scheduler.request('write')).toBeUndefined();
    expect(calls).toHaveLength(1);
    await scheduler.request('online');
    await expect(scheduler.syncNow()).rejects.toBeInstanceOf(RetryableSyncError);
    expect(calls).toHaveLength(3);
    scheduler.stop();
  });

  it('treats navigator.onLine = false only as a reason to skip routine attempts', async () => {
    let runs = 0;
    const scheduler = new SyncScheduler({ isOnline: () => false, run: async () => (runs++, done) });
    await scheduler.request('interval');
    expect(runs).toBe(0);
    await scheduler.request('start');
    expect(runs).toBe(1);
  });

  it('stops automatic attempts once the token is refused, until "Sync now"', async () => {
    let runs = 0;
    const scheduler = new SyncScheduler({ run: async () => (runs++, { ...done, outcome: 'unauthorized' }) });
    await scheduler.request('start');
    await scheduler.request('online');
    expect(runs).toBe(1);
    await scheduler.syncNow();
    expect(runs).toBe(2);
  });

  it('folds requests that arrive during a sync into one more run', async () => {
    let runs = 0;
    let release!: () => void;
    const scheduler = new SyncScheduler({
      run: () =>
        new Promise<SyncResult>((resolve) => {
          runs++;
          release = () => resolve(done);
        }),
    });
    const first = scheduler.request('start');
    void scheduler.request('write');
    void scheduler.request('visible');
    expect(runs).toBe(1);
    release();
    await first;
    await vi.waitFor(() => expect(runs).toBe(2));
    release();
  });
});

describe('withSyncLock (no navigator.locks)', () => {
  it('runs one sync per database at a time, and the next after a failure', async () => {
    const order: string[] = [];
    const slow = (name: string, fail = false) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 10));
      order.push(`${name} end`);
      if (fail) throw new Error('boom');
    };
    await Promise.allSettled([withSyncLock('a', slow('1', true)), withSyncLock('a', slow('2')), withSyncLock('b', slow('other'))]);
    expect(order.indexOf('1 end')).toBeLessThan(order.indexOf('2 start'));
    expect(order.indexOf('other start')).toBeLessThan(order.indexOf('1 end'));
  });
});
