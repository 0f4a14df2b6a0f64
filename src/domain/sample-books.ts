import { markId } from './attendance';
import type { ClubBooks } from './club-report';
import { careBookRecords } from './sample-care';
import type { SampleClub } from './sample-club';
import { fundBookRecords } from './sample-fund';

/**
 * The sample club as stored records, every book of it, for what reads books rather than
 * writing them (the report's figures on the server, the tests, the bench); the practice book
 * on a phone writes the same fields through the ordinary write path instead. The fields are
 * the generator's, already valid: they are stamped, not checked again.
 */
export function sampleBooks(sample: SampleClub, stamp: { clubId: string; at: string; newId: () => string }): ClubBooks {
  const record = <F extends object>(id: string, fields: F) => ({ id, clubId: stamp.clubId, createdAt: stamp.at, updatedAt: stamp.at, deleted: false, ...fields });
  const all = <F extends object>(items: readonly { id: string; fields: F }[]) => items.map((i) => record(i.id, i.fields));
  const members = [...sample.members, ...sample.nonMembers].map((fields) => record(stamp.newId(), fields));
  const meetings = sample.meetings.map((fields) => record(stamp.newId(), fields));
  const ids = members.map((m) => m.id);
  const care = careBookRecords(sample, ids, stamp.newId);
  const fund = fundBookRecords(sample, ids, meetings.map((m) => m.id), stamp.newId);
  const attendance = sample.marks.map(({ meeting, member, mark }) => {
    const [meetingId, memberId] = [meetings[meeting]!.id, ids[member]!];
    return record(markId(meetingId, memberId), { meetingId, memberId, mark });
  });
  return {
    club: sample.club,
    members,
    meetings,
    attendance,
    carePlans: all(care.carePlans),
    visits: all(care.visits),
    readings: all(care.readings),
    referrals: all(care.referrals),
    strikeOuts: all(care.strikeOuts),
    entries: all(fund.entries),
    loans: all(fund.loans),
    loanApplications: all(fund.loanApplications),
  };
}
