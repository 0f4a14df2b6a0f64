import { describe, expect, it } from 'vitest';
import { newCarePlanFields } from '../../src/domain/care-plans';
import { bmiOf, healthAlerts, healthByMonth, healthIn, readingsByPerson, volunteerTasks } from '../../src/domain/health-figures';
import { uuidv7 } from '../../src/domain/ids';
import { newReadingFields, type Reading } from '../../src/domain/readings';
import type { Referral } from '../../src/domain/referrals';
import { standing } from '../../src/domain/strike-outs';
import { stored } from './fixtures';

const [mai, tuan, lan] = [uuidv7(), uuidv7(), uuidv7()];
const reading = (personId: string, takenOn: string, fields: Partial<Reading> = {}): Reading =>
  stored({ ...newReadingFields(personId, takenOn, 'meeting'), ...fields }, `${takenOn}T03:00:00.000Z`);
const pressure = (personId: string, takenOn: string, systolic: number, diastolic: number) => reading(personId, takenOn, { systolic, diastolic });
const referral = (personId: string, referredOn: string): Referral => stored({ personId, referredOn, referredTo: null, note: null });

describe('the urgent and re-check lists', () => {
  it('puts 185/115 on the urgent list, 145/92 on the re-check list, and a normal reading on neither', () => {
    const alerts = healthAlerts([pressure(mai, '2026-11-20', 185, 115), pressure(tuan, '2026-11-20', 145, 92), pressure(lan, '2026-11-20', 125, 80)], [], '2026-11-22');
    expect(alerts.map((a) => [a.personId, a.list, a.recheckBy, a.overdue])).toEqual([
      [mai, 'urgent', '2026-11-27', false],
      [tuan, 'recheck', '2026-11-27', false],
    ]);
    expect(healthAlerts([pressure(tuan, '2026-11-10', 145, 92)], [], '2026-11-22')[0]).toMatchObject({ overdue: true });
  });

  it('puts a low pressure on the urgent list', () => {
    expect(healthAlerts([pressure(mai, '2026-11-20', 85, 55)], [], '2026-11-20')).toMatchObject([{ personId: mai, list: 'urgent' }]);
  });

  it('moves an urgent reading to the re-check list when a referral is recorded, and clears it with the next normal reading', () => {
    const high = pressure(mai, '2026-11-20', 185, 115);
    expect(healthAlerts([high], [referral(mai, '2026-11-19')], '2026-11-21')).toMatchObject([{ list: 'urgent' }]); // a referral before it does not count
    expect(healthAlerts([high], [referral(mai, '2026-11-21')], '2026-11-21')).toMatchObject([{ list: 'recheck', referral: { referredOn: '2026-11-21' } }]);
    expect(healthAlerts([high, pressure(mai, '2026-11-25', 132, 84)], [referral(mai, '2026-11-21')], '2026-11-25')).toEqual([]);
    // A reading without pressure (weight only) neither raises nor clears.
    expect(healthAlerts([high, reading(mai, '2026-11-26', { weightKg: 50 })], [], '2026-11-26')).toMatchObject([{ list: 'urgent' }]);
  });

  it('takes the later of two readings on one day, and ignores a struck-out one', () => {
    const first = stored({ ...newReadingFields(mai, '2026-11-20', 'meeting'), systolic: 185, diastolic: 115 }, '2026-11-20T03:00:00.000Z');
    const again = stored({ ...newReadingFields(mai, '2026-11-20', 'meeting'), systolic: 150, diastolic: 95 }, '2026-11-20T03:10:00.000Z');
    expect(healthAlerts([first, again], [], '2026-11-20')).toMatchObject([{ list: 'recheck' }]);
    const strike = stored({ collection: 'readings' as const, recordId: first.id, reason: 'Nhầm người' });
    expect(healthAlerts(standing([first], [strike], 'readings'), [], '2026-11-20')).toEqual([]);
  });

  it("gives the person's volunteer a task: refer when urgent, measure again when high", () => {
    const plans = [stored({ ...newCarePlanFields(mai, '2026-01-01'), volunteerIds: [lan] }), stored({ ...newCarePlanFields(tuan, '2026-01-01'), volunteerIds: [uuidv7()] })];
    const alerts = healthAlerts([pressure(mai, '2026-11-20', 185, 115), pressure(tuan, '2026-11-20', 145, 92)], [], '2026-11-21');
    expect(volunteerTasks(lan, plans, alerts, '2026-11-21').map((t) => [t.personId, t.task])).toEqual([[mai, 'refer']]);
    expect(volunteerTasks(lan, plans, healthAlerts([pressure(mai, '2026-11-20', 185, 115)], [referral(mai, '2026-11-21')], '2026-11-21'), '2026-11-21').map((t) => t.task)).toEqual(['remeasure']);
  });
});

describe('figures over months', () => {
  it('gives the share measured and the share of those with a high last pressure, month by month', () => {
    const readings = [
      pressure(mai, '2026-10-05', 150, 95),
      pressure(mai, '2026-10-20', 130, 80), // her last in October is normal
      pressure(tuan, '2026-10-05', 145, 85),
      reading(lan, '2026-10-05', { weightKg: 50 }),
      pressure(mai, '2026-11-05', 150, 95),
      pressure(uuidv7(), '2026-11-05', 190, 120), // not among the people counted
    ];
    const people = new Set([mai, tuan, lan]);
    expect(healthByMonth(readings, ['2026-10', '2026-11', '2026-12'], () => people)).toEqual([
      { month: '2026-10', measured: 3, people: 3, measuredPercent: 100, high: 1, withPressure: 2, highPercent: 50 },
      { month: '2026-11', measured: 1, people: 3, measuredPercent: 33, high: 1, withPressure: 1, highPercent: 100 },
      { month: '2026-12', measured: 0, people: 3, measuredPercent: 0, high: 0, withPressure: 0, highPercent: null },
    ]);
    expect(healthIn(readings, [referral(mai, '2026-10-06')], '2026-10-01', '2026-10-31')).toEqual({ peopleChecked: 3, readings: 4, high: 2, referrals: 1 });
  });

  it("uses the person's last height for the BMI of a reading that has only the weight", () => {
    const withHeight = reading(mai, '2026-01-10', { weightKg: 50, heightCm: 150 });
    const weightOnly = reading(mai, '2026-11-10', { weightKg: 54 });
    const list = readingsByPerson([withHeight, weightOnly]).get(mai)!;
    expect(bmiOf(weightOnly, list)).toBe(24);
    expect(bmiOf(reading(tuan, '2026-11-10', { weightKg: 60 }), [])).toBeNull();
  });
});
