import type { CalendarDate } from './dates';
import { hasRole, isActive, isClubMember, isOlder, type Member } from './members';

export interface MemberFigures {
  /** Members in the club on the day (not left, not deleted). */
  members: number;
  women: number;
  /** Whole percent of members who are women; null for an empty club. */
  womenPercent: number | null;
  older: number;
  poor: number;
  nearPoor: number;
  volunteers: number;
  careRecipients: number;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

/** The club at a glance, as the home screen and the association's reports count it. */
export function memberFigures(all: readonly Member[], on: CalendarDate, olderAgeFrom: number): MemberFigures {
  // People the club only cares for are in the register but are not members.
  const inRegister = all.filter((m) => isActive(m, on));
  const active = inRegister.filter(isClubMember);
  const women = active.filter((m) => m.gender === 'female').length;
  return {
    members: active.length,
    women,
    womenPercent: percent(women, active.length),
    older: active.filter((m) => isOlder(m, on, olderAgeFrom)).length,
    poor: active.filter((m) => m.poverty === 'poor').length,
    nearPoor: active.filter((m) => m.poverty === 'nearPoor').length,
    volunteers: active.filter((m) => hasRole(m, 'volunteer')).length,
    careRecipients: inRegister.filter((m) => hasRole(m, 'careRecipient') || !isClubMember(m)).length,
  };
}

