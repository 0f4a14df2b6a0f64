import { describe, expect, it } from 'vitest';
import { createClub, failStoreWrites, freshDatabase } from './helpers';
import { markId } from '../../src/domain/attendance';
import { uuidv7 } from '../../src/domain/ids';
import { upsertRecords } from '../../src/local/write';
import { onWritesInFlight, writesInFlight } from '../../src/local/writes-in-flight';

/** A mark's write, as the roll call's tap starts it. */
function mark(db: ReturnType<typeof freshDatabase>, meetingId: string) {
  const memberId = uuidv7();
  return upsertRecords(db, 'attendance', [{ id: markId(meetingId, memberId), fields: { meetingId, memberId, mark: 'present' } }]);
}

describe('writes in flight', () => {
  it('counts a change from the call itself until IndexedDB has committed it', async () => {
    const db = freshDatabase();
    await createClub(db);
    const heard: number[] = [];
    const stop = onWritesInFlight(() => heard.push(writesInFlight()));
    const first = mark(db, uuidv7());
    const second = mark(db, uuidv7());
    // Nothing awaited yet: the count is already up, in the tap's own task.
    expect(writesInFlight()).toBe(2);
    await first;
    expect(writesInFlight()).toBe(1);
    await second;
    expect(writesInFlight()).toBe(0);
    expect(heard).toEqual([1, 2, 1, 0]);
    stop();
  });

  it('lets go of a change the phone refused: the count does not stay up for ever', async () => {
    const db = freshDatabase();
    await createClub(db);
    failStoreWrites('outbox', 'add', () => new DOMException('disk', 'UnknownError'));
    const refused = mark(db, uuidv7());
    expect(writesInFlight()).toBe(1);
    await expect(refused).rejects.toThrow();
    expect(writesInFlight()).toBe(0);
  });
});
