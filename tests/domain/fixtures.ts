import { newClubFields, type ClubFields } from '../../src/domain/club';
import { uuidv7 } from '../../src/domain/ids';
import type { Member, MemberFields } from '../../src/domain/members';

/** A member as a board member would type her in: every field filled the way the form fills it. */
export function memberFields(overrides: Partial<MemberFields> = {}): MemberFields {
  return {
    fullName: 'Nguyễn Thị Lan',
    gender: 'female',
    birthYear: 1952,
    birthDate: null,
    phone: '0912345678',
    citizenId: null,
    village: 'Thôn Đông',
    villageCode: null,
    group: 'Tổ 3',
    poverty: 'nearPoor',
    povertyYear: 2025,
    livesAlone: false,
    disability: false,
    ethnicMinority: false,
    roles: [],
    joinedOn: '2024-01-15',
    leftOn: null,
    notes: null,
    notMember: false,
    ...overrides,
  };
}

export function clubFields(overrides: Partial<ClubFields> = {}): ClubFields {
  return {
    ...newClubFields(),
    name: 'CLB Liên thế hệ tự giúp nhau thôn Đông',
    village: 'Thôn Đông',
    commune: 'Xã Yên Phong',
    province: 'Bắc Ninh',
    ...overrides,
  };
}

export const CLUB_ID = '01930a5e-7b3c-7d41-8a2b-3c4d5e6f7a8b';

/** A stored member record, for the functions that read records (ages, figures, search). */
export function memberRecord(overrides: Partial<Member> = {}): Member {
  return {
    id: uuidv7(),
    clubId: CLUB_ID,
    createdAt: '2024-01-15T02:00:00.000Z',
    updatedAt: '2024-01-15T02:00:00.000Z',
    deleted: false,
    ...memberFields(),
    ...overrides,
  };
}

/** Any record as it is stored: the fields given plus the common ones, created at `createdAt`. */
export function stored<F extends object>(fields: F, createdAt = '2026-01-01T02:00:00.000Z'): F & { id: string; clubId: string; createdAt: string; updatedAt: string; deleted: boolean } {
  return { id: uuidv7(), clubId: CLUB_ID, createdAt, updatedAt: createdAt, deleted: false, ...fields };
}
