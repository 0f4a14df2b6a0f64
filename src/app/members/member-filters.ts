import type { CalendarDate } from '../../domain/dates';
import { hasRole, isActive, isClubMember, isOlder, isPoorOrNearPoor, type Member } from '../../domain/members';

/** The register's quick filters, in the order the chips show them. */
export const MEMBER_FILTERS = ['all', 'women', 'older', 'poor', 'volunteers', 'careRecipients', 'left'] as const;
export type MemberFilter = (typeof MEMBER_FILTERS)[number];

export function isMemberFilter(value: string | null): value is MemberFilter {
  return MEMBER_FILTERS.includes(value as MemberFilter);
}

/** Every filter but "left" shows people still in the club; "left" shows only the others. */
export function passesFilter(member: Member, filter: MemberFilter, today: CalendarDate, olderAgeFrom: number): boolean {
  if (filter === 'left') return !isActive(member, today);
  if (!isActive(member, today)) return false;
  if (filter === 'all') return true;
  // People the club only cares for are not counted as members: each figure's list, as the home screen counts it.
  if (filter === 'careRecipients') return hasRole(member, 'careRecipient') || !isClubMember(member);
  if (!isClubMember(member)) return false;
  switch (filter) {
    case 'women':
      return member.gender === 'female';
    case 'older':
      return isOlder(member, today, olderAgeFrom);
    case 'poor':
      return isPoorOrNearPoor(member);
    case 'volunteers':
      return hasRole(member, 'volunteer');
  }
}
