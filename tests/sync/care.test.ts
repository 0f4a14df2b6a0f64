import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCarePlanFields } from '../../src/domain/care-plans';
import { healthAlerts, volunteerTasks } from '../../src/domain/health-figures';
import { newReadingFields } from '../../src/domain/readings';
import { newVisitFields } from '../../src/domain/visits';
import { careRecords, healthRecords } from '../../src/local/care-queries';
import type { ClubBookDatabase } from '../../src/local/database';
import { liveRecords } from '../../src/local/queries';
import { createRecord, updateRecord } from '../../src/local/write';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { memberFields } from '../domain/fixtures';
import { createClub, freshDatabase } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';

/**
 * Home care and health across phones (issue 11), against the real server: a volunteer's
 * phone and the chair's log visits and readings while both are offline; after both sync,
 * in either order, each phone holds every visit and reading once, as the server does; a
 * reading of 185/115 taken on the chair's phone puts the person on the urgent list there
 * and gives the volunteer's phone its task.
 */
let server: Awaited<ReturnType<typeof startRealServer>>;
beforeEach(async () => {
  server = await startRealServer();
});
afterEach(() => server.close());

async function chairAndVolunteer() {
  const chair = freshDatabase();
  await createClub(chair);
  const hoa = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Hoa', roles: ['volunteer'] }));
  const bay = await createRecord(chair, 'members', memberFields({ fullName: 'Trần Thị Bảy', roles: ['careRecipient'] }));
  const ong = await createRecord(chair, 'members', memberFields({ fullName: 'Lê Văn Ông', notMember: true, roles: ['careRecipient'] }));
  for (const person of [bay, ong]) await createRecord(chair, 'carePlans', { ...newCarePlanFields(person.id, '2026-11-01'), volunteerIds: [hoa.id] });
  await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
  const volunteer = freshDatabase();
  const joined = await joinClub(volunteer, { serverUrl: server.url, code: (await createInvite(chair, 'volunteer', { memberId: hoa.id })).code, deviceName: 'Máy chị Hoa' });
  expect(joined.device).toMatchObject({ role: 'volunteer', memberId: hoa.id });
  expect((await readConnection(volunteer))?.memberId).toBe(hoa.id);
  expect(await liveRecords(volunteer, 'carePlans')).toHaveLength(2);
  return { chair, volunteer, hoa, bay, ong };
}

async function token(db: ClubBookDatabase) {
  return (await readConnection(db))!.token;
}

async function expectSameAsServer(db: ClubBookDatabase) {
  const onServer = await serverRecords(server.url, await token(db));
  for (const collection of ['visits', 'readings', 'carePlans', 'referrals', 'strikeOuts'] as const) {
    const local = new Map((await db.records(collection).toArray()).map((r) => [`${collection}/${r.id}`, { ...r }]));
    const remote = new Map([...onServer].filter(([key]) => key.startsWith(`${collection}/`)));
    expect(local, collection).toEqual(remote);
  }
}

describe('visits and readings on two phones offline', () => {
  for (const order of ['volunteer first', 'chair first'] as const) {
    it(`converge on every record once, sent ${order}`, { timeout: 60_000 }, async () => {
      const { chair, volunteer, hoa, bay, ong } = await chairAndVolunteer();
      // Offline: the volunteer visits both people and measures Bảy; the chair logs a visit
      // for Ông (another volunteer went with Hoa) and measures both at the meeting.
      await createRecord(volunteer, 'visits', newVisitFields(bay.id, hoa.id, '2026-11-24', ['cooking']));
      await createRecord(volunteer, 'visits', newVisitFields(ong.id, hoa.id, '2026-11-25', ['conversation', 'bloodPressure']));
      await createRecord(volunteer, 'readings', { ...newReadingFields(bay.id, '2026-11-24', 'homeVisit'), systolic: 150, diastolic: 92, pulse: 80 });
      await createRecord(chair, 'visits', newVisitFields(ong.id, hoa.id, '2026-11-25', ['cleaning']));
      await createRecord(chair, 'readings', { ...newReadingFields(ong.id, '2026-11-25', 'meeting'), systolic: 185, diastolic: 115, weightKg: 48.5 });
      await createRecord(chair, 'readings', { ...newReadingFields(bay.id, '2026-11-25', 'meeting'), systolic: 132, diastolic: 84 });

      const [first, second] = order === 'volunteer first' ? [volunteer, chair] : [chair, volunteer];
      await syncOnce(first);
      await syncOnce(second);
      await syncOnce(first);

      for (const phone of [chair, volunteer]) {
        expect(await liveRecords(phone, 'visits')).toHaveLength(3);
        expect(await liveRecords(phone, 'readings')).toHaveLength(3);
        await expectSameAsServer(phone);
      }
      // Both phones see the same lists: Ông urgent (185/115), Bảy's later normal reading clears her 150/92.
      const today = '2026-11-26';
      for (const phone of [chair, volunteer]) {
        const health = await healthRecords(phone);
        const alerts = healthAlerts(health.readings, health.referrals, today);
        expect(alerts.map((a) => [a.personId, a.list])).toEqual([[ong.id, 'urgent']]);
        const care = await careRecords(phone);
        expect(volunteerTasks(hoa.id, care.plans, alerts, today).map((t) => [t.personId, t.task])).toEqual([[ong.id, 'refer']]);
      }
    });
  }

  it("has the server refuse a volunteer's change to a care plan and a visit in another's name, and takes the visit after them", { timeout: 60_000 }, async () => {
    const { chair, volunteer, hoa, bay } = await chairAndVolunteer();
    const [plan] = (await liveRecords(volunteer, 'carePlans')).filter((p) => p.personId === bay.id);
    // A volunteer reads plans; only the board writes them (the app offers no way to; a tampered one might).
    await updateRecord(volunteer, 'carePlans', plan!.id, { visitsPerWeek: 7 });
    // Nor does it log a visit in another volunteer's name.
    await createRecord(volunteer, 'visits', newVisitFields(bay.id, (await liveRecords(volunteer, 'members')).find((m) => m.id !== hoa.id)!.id, '2026-11-23', ['cooking']));
    await createRecord(volunteer, 'visits', newVisitFields(bay.id, hoa.id, '2026-11-24', ['cooking']));
    await syncOnce(volunteer);
    const refused = await volunteer.outbox.where('status').equals('rejected').toArray();
    expect(refused.map((m) => [m.collection, m.rejection?.code, m.rejection?.field])).toEqual([
      ['carePlans', 'forbidden', undefined],
      ['visits', 'forbidden', 'volunteerId'],
    ]);
    await syncOnce(chair);
    expect(await liveRecords(chair, 'visits')).toHaveLength(1);
    expect((await liveRecords(chair, 'carePlans')).find((p) => p.id === plan!.id)?.visitsPerWeek).toBe(3);
  });
});
