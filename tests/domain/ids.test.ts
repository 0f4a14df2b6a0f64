import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { recordShape } from '../../src/domain/record';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('is a lower-case RFC 9562 version 7 UUID with the RFC 4122 variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7);
    }
  });

  it('is accepted as a record id and club id by the shared record schema', () => {
    const id = uuidv7();
    expect(recordShape.id.safeParse(id).success).toBe(true);
    expect(recordShape.clubId.safeParse(id).success).toBe(true);
  });

  it('starts with the 48-bit Unix time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 23, 8, 5, 0, 123);
    const id = uuidv7(at);
    const millis = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(millis).toBe(at);
  });

  it('sorts by creation time as plain text (IndexedDB orders string keys the same way)', () => {
    const times = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1) + 1, Date.UTC(2025, 5, 1), Date.UTC(2026, 10, 23)];
    const ids = times.map((t) => uuidv7(t));
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  it('never repeats, even for ids made in the same millisecond', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 5000 }, () => uuidv7(now)));
    expect(ids.size).toBe(5000);
  });
});

