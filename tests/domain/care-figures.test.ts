import { describe, expect, it } from 'vitest';
import { careTotals, caredFor, myPeople, volunteerWeeks, weekOf } from '../../src/domain/care-figures';
import { newCarePlanFields, type CarePlan } from '../../src/domain/care-plans';
import { uuidv7 } from '../../src/domain/ids';
import { standing } from '../../src/domain/strike-outs';
import { newVisitFields, type Visit } from '../../src/domain/visits';
import { stored } from './fixtures';

const [ba, ong, lan, hoa] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
const plan = (personId: string, volunteerIds: string[], fields: Partial<CarePlan> = {}): CarePlan =>
  stored({ ...newCarePlanFields(personId, '2026-01-05'), volunteerIds, usualHelp: ['conversation', 'cooking'] as CarePlan['usualHelp'], ...fields });
const visit = (personId: string, volunteerId: string, visitedOn: string, help: Visit['help'] = ['conversation']): Visit =>
  stored(newVisitFields(personId, volunteerId, visitedOn, help), `${visitedOn}T03:00:00.000Z`);

// Thursday 26 November 2026: the week is Monday 23 to Sunday 29.
const today = '2026-11-26';

describe('the week', () => {
  it('runs Monday to Sunday', () => {
    expect(weekOf(today)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('people cared for', () => {
  const plans = [plan(ba, [lan]), plan(ong, [lan, hoa]), plan(uuidv7(), [hoa], { endedOn: '2026-10-31' })];

  it('lists those with a plan in force, days since their last visit, and 7 / 14 days unvisited', () => {
    const visits = [visit(ba, lan, '2026-11-24', ['cooking', 'laundry']), visit(ba, lan, '2026-11-20'), visit(ong, hoa, '2026-11-10')];
    const people = caredFor(plans, visits, today);
    expect(people.map((p) => p.personId).sort()).toEqual([ba, ong].sort());
    const byId = new Map(people.map((p) => [p.personId, p]));
    expect(byId.get(ba)).toMatchObject({ lastVisitOn: '2026-11-24', daysSince: 2, visitsThisWeek: 1, notVisitedFor: null, usualHelp: ['cooking', 'laundry'] });
    expect(byId.get(ong)).toMatchObject({ lastVisitOn: '2026-11-10', daysSince: 16, notVisitedFor: 14 });
  });

  it('counts a plan never visited from its start, and pre-ticks its usual help', () => {
    const [person] = caredFor([plan(ba, [lan], { startedOn: '2026-11-17' })], [], today);
    expect(person).toMatchObject({ lastVisitOn: null, daysSince: null, notVisitedFor: 7, usualHelp: ['conversation', 'cooking'] });
  });

  it('leaves struck-out visits out of every figure', () => {
    const mistaken = visit(ong, hoa, '2026-11-25');
    const strike = stored({ collection: 'visits' as const, recordId: mistaken.id, reason: 'Nhầm người' });
    const counted = standing([mistaken, visit(ong, hoa, '2026-11-10')], [strike], 'visits');
    expect(caredFor(plans, counted, today).find((p) => p.personId === ong)).toMatchObject({ lastVisitOn: '2026-11-10', notVisitedFor: 14 });
  });
});

describe('a volunteer and the board', () => {
  const plans = [plan(ba, [lan]), plan(ong, [lan, hoa], { visitsPerWeek: 2 })];
  const visits = [visit(ba, lan, '2026-11-23'), visit(ong, lan, '2026-11-24'), visit(ba, lan, '2026-11-25'), visit(ong, hoa, '2026-11-19')];

  it("gives a volunteer their people, the longest unvisited first, each due by its plan's rhythm", () => {
    const mine = myPeople(hoa, plans, visits, today);
    expect(mine.map((p) => p.personId)).toEqual([ong]);
    const lans = myPeople(lan, plans, visits, today);
    expect(lans.map((p) => [p.personId, p.daysSince, p.due])).toEqual([
      [ong, 2, false], // twice a week: every 3 days
      [ba, 1, false], // three times a week: every 2 days
    ]);
    expect(myPeople(lan, plans, visits, '2026-11-28').map((p) => p.due)).toEqual([true, true]);
  });

  it('counts each volunteer this week against the target, and the club against its settings', () => {
    expect(volunteerWeeks(plans, visits, today, 3).sort((a, b) => b.visits - a.visits)).toEqual([
      { volunteerId: lan, visits: 3, target: 3, met: true },
      { volunteerId: hoa, visits: 0, target: 3, met: false },
    ]);
    expect(careTotals(plans, visits, today, { volunteers: 10, caredFor: 5, visitsPerWeek: 3 })).toMatchObject({
      volunteers: 2,
      caredFor: 2,
      visitsThisWeek: 3,
      volunteersMeetingTarget: 1,
      met: { volunteers: false, caredFor: false, visitsPerWeek: false },
    });
    expect(careTotals(plans, visits, today, { volunteers: 2, caredFor: 2, visitsPerWeek: 0 }).met).toEqual({ volunteers: true, caredFor: true, visitsPerWeek: true });
  });
});
