import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRecent, isCalendarDate, parseDisplayDate, todayOn } from '../../src/domain/dates';

describe('isCalendarDate', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isCalendarDate('1950-03-05')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('2024-00-10')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-01-00')).toBe(false);
    expect(isCalendarDate('2024-2-29')).toBe(false);
    expect(isCalendarDate('05/03/1950')).toBe(false);
    expect(isCalendarDate('2024-01-15T00:00:00Z')).toBe(false);
  });
});

describe('formatDate', () => {
  it('shows dd/MM/yyyy with zero padding', () => {
    expect(formatDate('1950-03-05')).toBe('05/03/1950');
    expect(formatDate('2026-11-23')).toBe('23/11/2026');
  });

  it('shows something that is not a date as it is, rather than inventing one', () => {
    expect(formatDate('1950')).toBe('1950');
  });
});

describe('parseDisplayDate', () => {
  it.each([
    ['5/3/1950', '1950-03-05'],
    ['05/03/1950', '1950-03-05'],
    ['05-03-1950', '1950-03-05'],
    ['05.03.1950', '1950-03-05'],
    ['5 3 1950', '1950-03-05'],
    ['05031950', '1950-03-05'],
    [' 23/11/2026 ', '2026-11-23'],
  ])('reads %j as day/month/year: %s', (typed, iso) => {
    expect(parseDisplayDate(typed)).toBe(iso);
  });

  it('knows leap years', () => {
    expect(parseDisplayDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDisplayDate('29/02/2000')).toBe('2000-02-29');
    expect(parseDisplayDate('29/02/2023')).toBeNull();
    expect(parseDisplayDate('29/02/1900')).toBeNull();
  });

  it.each(['31/02/2024', '31/04/2024', '32/01/2024', '00/01/2024', '15/13/2024', '15/00/2024'])(
    'refuses the impossible date %j',
    (typed) => {
      expect(parseDisplayDate(typed)).toBeNull();
    },
  );

  it.each(['5/3/50', '1950', '1950-03-05', '5/3', 'ngày 5 tháng 3', '', '123/4/1950'])('refuses %j', (typed) => {
    expect(parseDisplayDate(typed)).toBeNull();
  });

  it('reads back what formatDate shows', () => {
    for (const iso of ['1950-03-05', '2024-02-29', '2026-12-31', '2000-01-01']) {
      expect(parseDisplayDate(formatDate(iso))).toBe(iso);
    }
  });
});

describe('the phone’s own calendar and clock (Vietnam, UTC+7)', () => {
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Ho_Chi_Minh';
  });
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('todayOn gives the local day: 6:30 a.m. in Hà Nội is still 23:30 the day before in UTC', () => {
    const morning = new Date('2026-11-22T23:30:00.000Z');
    expect(todayOn(morning)).toBe('2026-11-23');
  });

  it('todayOn pads month and day', () => {
    expect(todayOn(new Date('2026-01-04T03:00:00.000Z'))).toBe('2026-01-04');
  });

  it('formatDateTime shows the local day and time', () => {
    expect(formatDateTime('2026-11-23T08:05:00.000Z')).toBe('23/11/2026 15:05');
    expect(formatDateTime('2026-11-22T23:30:00.000Z')).toBe('23/11/2026 06:30');
  });

  it('formatDateTime shows a broken timestamp as it is', () => {
    expect(formatDateTime('not a time')).toBe('not a time');
  });
});

describe('formatRecent', () => {
  // 23/11/2026 15:05 in Hà Nội is 08:05 UTC; the tests run on the phone's own zone.
  const now = new Date(2026, 10, 23, 16, 0);
  it('says only the time for today, the day and month this year, and the whole date before', () => {
    expect(formatRecent(new Date(2026, 10, 23, 15, 5).toISOString(), now)).toBe('15:05');
    expect(formatRecent(new Date(2026, 10, 20, 9, 30).toISOString(), now)).toBe('20/11 09:30');
    expect(formatRecent(new Date(2025, 0, 2, 7, 0).toISOString(), now)).toBe('02/01/2025 07:00');
  });
  it('gives back what it cannot read', () => {
    expect(formatRecent('not a time', now)).toBe('not a time');
  });
});
