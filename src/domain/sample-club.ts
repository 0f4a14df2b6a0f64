/**
 * A made-up club that looks like a real one: for trainers showing the app, for people
 * trying it before they type their own club in, and for tests and benchmarks that need a
 * club of realistic size and make-up rather than three hand-written members.
 *
 * Everything comes from a seeded generator: the same seed always gives the same club,
 * whatever the clock says, so a test or a benchmark never depends on luck. No one in it
 * is a real person; the places are real.
 */
import { newClubFields, type ClubFields } from './club';
import { fromDay, toDay, type CalendarDate } from './dates';
import { MEMBER_ROLES, type MemberFields, type MemberRole } from './members';
import type { MeetingFields } from './meetings';
import { CARE_SHARES, noCare, sampleCare, type SampleCare } from './sample-care';
import { Dice, yearsBefore, type Weighted } from './sample-dice';
import { noFund, sampleFund, type SampleFund } from './sample-fund';
import { historyFrom, sampleMeetings, type SampleMark } from './sample-meetings';

/** The day the sample club is seen from, unless told otherwise: a fixed date, never the clock. */
export const SAMPLE_TODAY: CalendarDate = '2026-11-23';
/** A whole commune's worth of clubs in one book: the size the app must stay quick at. */
export const STRESS_CLUB_MEMBERS = 20_000;

/**
 * The care book (sample-care.ts) and the fund book (sample-fund.ts) name people by their
 * place in the register: the members, then `nonMembers` after them.
 */
export interface SampleClub extends SampleCare, SampleFund {
  club: ClubFields;
  members: MemberFields[];
  /** People the club cares for at home who are not members; only with the books' history. */
  nonMembers: MemberFields[];
  /** The meeting book's history (sample-meetings.ts); marks name members by their index. */
  meetings: MeetingFields[];
  marks: SampleMark[];
}

/** The years of history a sample club's books hold, unless told otherwise. */
export const SAMPLE_HISTORY_YEARS = 5;
/** Above this many members, no history unless asked: a stress club's five years are a million marks. */
const HISTORY_UP_TO_MEMBERS = 1_000;

/** The make-up the generator aims at (DOMAIN.md: the national norms for these clubs). */
export const SAMPLE_SHARES = {
  /** Exactly this share (rounded) of a sample club are women. */
  women: 0.55,
  older: 0.7,
  /** Exactly these shares (rounded) of a plains club; a quarter more in the mountains. */
  poor: 0.12,
  nearPoor: 0.12,
  /** Exactly this share (rounded) are volunteers, and are cared for at home. */
  volunteers: 0.17,
  careRecipients: 0.1,
  /** Share of members of a mountain club who belong to an ethnic minority. */
  mountainEthnicMinority: 0.6,
} as const;

export const SAMPLE_GROUPS = ['Tổ 1', 'Tổ 2', 'Tổ 3', 'Tổ 4', 'Tổ 5'] as const;

/**
 * Family names of the Kinh majority with their rough share of the population: Nguyễn
 * alone is about 38 %, and a dozen names cover nine people in ten.
 */
export const FAMILY_NAMES: Weighted<string> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3.5],
  ['Huỳnh', 1.5],
  ['Phan', 4.5],
  ['Vũ', 2.5],
  ['Võ', 1.5],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.7],
  ['Trịnh', 0.5],
  ['Đào', 0.5],
  ['Mai', 0.4],
  ['Cao', 0.4],
  ['Lương', 0.4],
  ['Hà', 0.4],
  ['Tạ', 0.3],
  ['Lưu', 0.3],
];

/**
 * Family names of the northern mountains' peoples: Tày and Nùng (Nông, Hoàng, Bế, Ma…),
 * Thái (Lò, Lường, Cầm, Quàng), Dao (Triệu, Bàn) and H'Mông (Giàng, Sùng, Vàng, Thào…).
 */
export const ETHNIC_MINORITY_FAMILY_NAMES: Weighted<string> = [
  ['Nông', 6],
  ['Hoàng', 5],
  ['Hà', 3],
  ['Lý', 2],
  ['Bế', 2],
  ['Ma', 2],
  ['Lò', 4],
  ['Lường', 3],
  ['Cầm', 2],
  ['Quàng', 1],
  ['Triệu', 3],
  ['Bàn', 2],
  ['Giàng', 4],
  ['Sùng', 3],
  ['Vàng', 3],
  ['Thào', 2],
  ['Lầu', 1],
  ['Mùa', 1],
];

/** H'Mông names follow their own pattern: "Giàng A Páo", "Sùng Thị Mỷ". */
const HMONG_FAMILIES = new Set(['Giàng', 'Sùng', 'Vàng', 'Thào', 'Lầu', 'Mùa']);

// Middle names by generation: nearly every woman born before 1966 is "Thị", most men
// "Văn"; their children's generation has far more variety.
const MIDDLE = {
  olderWoman: [['Thị', 85], ['Thu', 3], ['Ngọc', 3], ['Thanh', 3], ['Kim', 3], ['Hồng', 3]],
  youngerWoman: [['Thị', 40], ['Thu', 8], ['Thanh', 8], ['Ngọc', 8], ['Minh', 6], ['Hồng', 6], ['Thùy', 8], ['Phương', 6], ['Kim', 5], ['Mai', 5]],
  olderMan: [['Văn', 72], ['Đức', 6], ['Hữu', 6], ['Đình', 5], ['Quang', 4], ['Xuân', 3], ['Ngọc', 2], ['Minh', 2]],
  youngerMan: [['Văn', 40], ['Đức', 10], ['Minh', 10], ['Hữu', 6], ['Quốc', 6], ['Thanh', 6], ['Công', 6], ['Đình', 6], ['Quang', 5], ['Anh', 5]],
} satisfies Record<string, Weighted<string>>;

const GIVEN = {
  olderWoman: ['Lan', 'Hoa', 'Hương', 'Mai', 'Hạnh', 'Thu', 'Hằng', 'Nga', 'Tuyết', 'Cúc', 'Đào', 'Liên', 'Huệ', 'Nhung', 'Xuân', 'Thơm', 'Lụa', 'Tâm', 'Hồng', 'Sen', 'Nhàn', 'Yến', 'Vân', 'Loan', 'Hiền', 'Lý', 'Bích', 'Ngát', 'Ánh', 'Oanh'],
  youngerWoman: ['Linh', 'Trang', 'Hà', 'Thảo', 'Huyền', 'Ngọc', 'Phương', 'Hương', 'Lan', 'Hạnh', 'Yến', 'Dung', 'Thủy', 'Vân', 'Anh', 'Giang', 'Hiền', 'Quỳnh', 'Nhung', 'Mai'],
  olderMan: ['Minh', 'Hùng', 'Dũng', 'Thắng', 'Bình', 'Sơn', 'Hải', 'Long', 'Nam', 'Hòa', 'Thành', 'Toàn', 'Quý', 'Khánh', 'Chiến', 'Lợi', 'Tiến', 'Phúc', 'Đức', 'Hưng', 'Cường', 'Thịnh', 'Quang', 'Tư', 'Bảy', 'Lộc', 'Tâm', 'Ất', 'Út'],
  youngerMan: ['Tuấn', 'Dũng', 'Hùng', 'Nam', 'Long', 'Hải', 'Sơn', 'Thắng', 'Cường', 'Hiếu', 'Trung', 'Quân', 'Đạt', 'Huy', 'Tùng', 'Việt', 'Phong', 'Kiên', 'Minh', 'Anh'],
  hmongWoman: ['Mỷ', 'Dợ', 'Máy', 'Xúa', 'Pà', 'Sua', 'Chú', 'Mai', 'Say', 'Dung'],
  hmongMan: ['Páo', 'Sính', 'Dình', 'Chử', 'Tủa', 'Pó', 'Lử', 'Sàng', 'Chứ', 'Dế'],
} as const;

interface Place {
  province: string;
  /** The province's first three digits of a citizen id (căn cước). */
  idCode: string;
  areaType: ClubFields['areaType'];
  communes: readonly string[];
  villages: readonly string[];
}

// Communes as they are named since 1 July 2025 (many take the old district's name).
const PLACES: readonly Place[] = [
  { province: 'Bắc Ninh', idCode: '027', areaType: 'plains', communes: ['Xã Yên Phong', 'Xã Tam Giang', 'Xã Tiên Du', 'Xã Lạng Giang'], villages: ['Thôn Đông', 'Thôn Đoài', 'Thôn Ngọc Trì', 'Thôn Phù Lưu', 'Thôn Đại Lâm'] },
  { province: 'Hưng Yên', idCode: '033', areaType: 'plains', communes: ['Xã Tiên Lữ', 'Xã Phụng Công', 'Xã Thái Thụy', 'Xã Ân Thi'], villages: ['Thôn Thượng', 'Thôn Hạ', 'Thôn An Lạc', 'Thôn Trung'] },
  { province: 'Ninh Bình', idCode: '037', areaType: 'plains', communes: ['Xã Gia Viễn', 'Xã Yên Mô', 'Xã Hải Hậu', 'Xã Kim Sơn'], villages: ['Thôn Đông', 'Thôn Tây', 'Xóm Chợ', 'Thôn Phú Lộc'] },
  { province: 'Thanh Hóa', idCode: '038', areaType: 'plains', communes: ['Xã Hoằng Hóa', 'Xã Hậu Lộc', 'Xã Nông Cống'], villages: ['Thôn Trung Đông', 'Thôn Tân Phúc', 'Thôn Yên Thịnh'] },
  { province: 'Nghệ An', idCode: '040', areaType: 'plains', communes: ['Xã Nam Đàn', 'Xã Diễn Châu', 'Xã Yên Thành'], villages: ['Xóm 3', 'Xóm Đông Lộc', 'Xóm Hồng Sơn'] },
  { province: 'Hà Tĩnh', idCode: '042', areaType: 'plains', communes: ['Xã Can Lộc', 'Xã Thạch Hà', 'Xã Đức Thọ'], villages: ['Thôn Tân Tiến', 'Thôn Trung Tiến', 'Thôn Bắc Sơn'] },
  { province: 'Lào Cai', idCode: '010', areaType: 'mountains', communes: ['Xã Bát Xát', 'Xã Mường Khương', 'Xã Văn Chấn'], villages: ['Thôn Sin Chải', 'Thôn Nà Lùng', 'Bản Lả'] },
  { province: 'Tuyên Quang', idCode: '008', areaType: 'mountains', communes: ['Xã Đồng Văn', 'Xã Chiêm Hóa', 'Xã Na Hang'], villages: ['Thôn Khuổi Khon', 'Bản Pác Ngòi', 'Thôn Nà Mỏ'] },
  { province: 'Lạng Sơn', idCode: '020', areaType: 'mountains', communes: ['Xã Cao Lộc', 'Xã Bình Gia', 'Xã Tràng Định'], villages: ['Thôn Nà Lừa', 'Thôn Pác Cáp', 'Thôn Khòn Khuyên'] },
  { province: 'Cao Bằng', idCode: '004', areaType: 'mountains', communes: ['Xã Trùng Khánh', 'Xã Bảo Lạc', 'Xã Hà Quảng'], villages: ['Xóm Nà Mạ', 'Xóm Bản Giốc', 'Xóm Pác Bó'] },
  { province: 'Điện Biên', idCode: '011', areaType: 'mountains', communes: ['Xã Tuần Giáo', 'Xã Mường Ảng', 'Xã Mường Chà'], villages: ['Bản Na Hu', 'Bản Co Mận', 'Bản Phiêng Lơi'] },
  { province: 'Sơn La', idCode: '014', areaType: 'mountains', communes: ['Xã Thuận Châu', 'Xã Mai Sơn', 'Xã Yên Châu'], villages: ['Bản Ta Púng', 'Bản Hua Tát', 'Bản Nà Sành'] },
];

// Mobile prefixes of Viettel, Vinaphone and MobiFone: every number is 10 digits.
const PHONE_PREFIXES = ['096', '097', '098', '086', '032', '033', '034', '035', '036', '037', '038', '039', '091', '094', '088', '081', '082', '083', '084', '085', '090', '093', '089', '070', '076', '077', '078', '079'];

const CARE_NOTES = ['Con đi làm xa, ở một mình', 'Cần người đưa đi khám định kỳ', 'Đi lại khó khăn, cần hỗ trợ tắm giặt', 'Huyết áp cao, nhắc uống thuốc hằng ngày'];

/** Ages as they are spread in these clubs: most in their sixties and seventies, some very old. */
const OLDER_AGES: Weighted<readonly [number, number]> = [
  [[60, 64], 25],
  [[65, 69], 25],
  [[70, 74], 20],
  [[75, 79], 15],
  [[80, 84], 10],
  [[85, 95], 5],
];
const YOUNGER_AGES: Weighted<readonly [number, number]> = [
  [[18, 29], 10],
  [[30, 39], 20],
  [[40, 49], 30],
  [[50, 59], 40],
];

interface Person {
  fields: MemberFields;
  age: number;
  left: boolean;
  roles: Set<MemberRole>;
}

/**
 * Deterministic from the seed: the same seed always gives the same club. `historyYears`
 * (default 5, none for a club of more than 1,000) is how far back its books go: the
 * meetings and marks, the care book with the non-members it cares for, and the loan fund.
 */
export function sampleClub(options: { seed: number; members?: number; today?: CalendarDate; historyYears?: number }): SampleClub {
  const dice = new Dice(options.seed);
  const today = options.today ?? SAMPLE_TODAY;
  const count = options.members ?? dice.int(60, 70);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`members must be a whole number ≥ 0, not ${count}`);
  const todayDay = toDay(today);
  const thisYear = Number(today.slice(0, 4));

  const place = dice.pick(PLACES);
  const village = dice.pick(place.villages);
  // Clubs have been founded since the 2016 programme; a sample one is 5 to 10 years old, so
  // its books hold five whole years.
  const foundedDay = yearsBefore(today, dice.int(5, 9)) - dice.int(0, 364);
  const club: ClubFields = {
    ...newClubFields(),
    // "Thôn Đông" → "CLB … thôn Đông": the kind of village is written in lower case mid-name.
    name: `CLB Liên thế hệ tự giúp nhau ${village.charAt(0).toLowerCase()}${village.slice(1)}`,
    village,
    commune: dice.pick(place.communes),
    province: place.province,
    areaType: place.areaType,
    foundedOn: fromDay(foundedDay),
  };

  const women = Math.round(count * SAMPLE_SHARES.women);
  const genders = dice.shuffle(Array.from({ length: count }, (_, i): MemberFields['gender'] => (i < women ? 'female' : 'male')));

  const people: Person[] = genders.map((gender) => {
    const older = dice.chance(SAMPLE_SHARES.older);
    const [from, to] = dice.weighted(older ? OLDER_AGES : YOUNGER_AGES);
    const age = dice.int(from, to);
    // Born between `age + 1` years ago (the day after) and `age` years ago: this age today.
    const bornDay = yearsBefore(today, age) - dice.int(0, 364);
    const born = fromDay(bornDay);
    const birthYear = Number(born.slice(0, 4));
    const minority = place.areaType === 'mountains' ? dice.chance(SAMPLE_SHARES.mountainEthnicMinority) : dice.chance(0.02);

    const livesAlone = dice.chance(older ? (age >= 75 ? 0.25 : 0.14) : 0.03);
    const disability = dice.chance(older ? (age >= 80 ? 0.2 : 0.08) : 0.03);
    // Many founding members joined the day the club was set up; the others since.
    const adultDay = bornDay + Math.ceil(18 * 365.25);
    const earliest = Math.min(Math.max(foundedDay, adultDay), todayDay);
    const joinedDay = dice.chance(0.55) && foundedDay >= adultDay ? foundedDay : dice.int(earliest, todayDay);
    const left = dice.chance(0.04);
    const leftDay = left ? dice.int(joinedDay, todayDay) : null;

    const fields: MemberFields = {
      fullName: fullName(dice, gender, age, minority),
      gender,
      birthYear,
      // Older members often know only the year; younger ones have it on their ID card.
      birthDate: dice.chance(older ? 0.35 : 0.8) ? born : null,
      phone: dice.chance(older ? (age >= 75 ? 0.25 : 0.55) : 0.95) ? dice.pick(PHONE_PREFIXES) + dice.digits(7) : null,
      citizenId: dice.chance(0.25) ? citizenId(dice, place.idCode, gender, birthYear) : null,
      village: dice.chance(0.9) ? village : null,
      villageCode: null,
      group: dice.chance(0.95) ? dice.pick(SAMPLE_GROUPS) : null,
      poverty: 'none',
      povertyYear: null,
      livesAlone,
      disability,
      ethnicMinority: minority,
      roles: [],
      joinedOn: fromDay(joinedDay),
      leftOn: leftDay === null ? null : fromDay(leftDay),
      notes: null,
      notMember: false,
    };
    return { fields, age, left, roles: new Set<MemberRole>() };
  });

  assignPoverty(dice, people, place.areaType, thisYear);
  assignRoles(dice, people);

  const members = people.map(({ fields, roles }) => {
    if (roles.size > 0) fields.roles = MEMBER_ROLES.filter((r) => roles.has(r));
    if (roles.has('careRecipient') && dice.chance(0.5)) fields.notes = dice.pick(CARE_NOTES);
    return fields;
  });
  // The meeting book's history comes last, from the same dice: the members are the same with or without it.
  club.meetingDay = dice.pick([5, 8, 10, 15, 20, 25]);
  const years = options.historyYears ?? (count > HISTORY_UP_TO_MEMBERS ? 0 : SAMPLE_HISTORY_YEARS);
  if (years <= 0) return { club, members, nonMembers: [], meetings: [], marks: [], ...noCare(), ...noFund() };
  const from = historyFrom(today, years, club.foundedOn);
  const history = sampleMeetings(dice, { club, members, from, today });
  // The care book has dice of its own: the members, meetings and marks of a seed stay as they were before it.
  const careDice = new Dice(options.seed ^ CARE_SEED);
  const nonMembers = careNonMembers(careDice, { count, place, village, from, today });
  const care = sampleCare(careDice, { club, members, nonMembers, ...history, from, today });
  // So has the fund book: the books before it stay as they were.
  const fund = sampleFund(new Dice(options.seed ^ FUND_SEED), { club, members, ...history, from, today });
  return { club, members, nonMembers, ...history, ...care, ...fund };
}

/** Mixed into the seed for the care book's dice. */
const CARE_SEED = 0x5ca2e;
/** Mixed into the seed for the fund book's dice. */
const FUND_SEED = 0xf00d5;

const NON_MEMBER_AGES: Weighted<readonly [number, number]> = [
  [[75, 79], 3],
  [[80, 84], 4],
  [[85, 95], 3],
];

const NON_MEMBER_NOTES = {
  alone: ['Không phải hội viên: hàng xóm neo đơn, con đi làm xa', 'Cụ ở một mình, không có lương hưu'],
  withFamily: ['Mẹ của một hội viên, nằm một chỗ', 'Con cháu đi làm cả ngày, nhờ CLB giúp'],
  disability: 'Người khuyết tật trong thôn, gia đình nhờ CLB giúp',
};

/**
 * The frail neighbours the club cares for without their being members (DOMAIN.md: care
 * recipients may be non-members): very old, most alone, put in the register the day the
 * board took them on; a few have since died or moved to their children's.
 */
function careNonMembers(
  dice: Dice,
  input: { count: number; place: Place; village: string; from: CalendarDate; today: CalendarDate },
): MemberFields[] {
  const [low, high] = CARE_SHARES.nonMembers;
  const howMany = Math.round((input.count * dice.int(Math.round(low * 1000), Math.round(high * 1000))) / 1000);
  const firstDay = toDay(input.from);
  const todayDay = toDay(input.today);
  const thisYear = Number(input.today.slice(0, 4));
  if (todayDay - firstDay < 60) return [];
  return Array.from({ length: howMany }, (): MemberFields => {
    const gender = dice.chance(0.7) ? 'female' : 'male';
    const [from, to] = dice.weighted(NON_MEMBER_AGES);
    const age = dice.int(from, to);
    const born = fromDay(yearsBefore(input.today, age) - dice.int(0, 364));
    const birthYear = Number(born.slice(0, 4));
    const minority = input.place.areaType === 'mountains' ? dice.chance(SAMPLE_SHARES.mountainEthnicMinority) : dice.chance(0.02);
    // Taken on across the years, more of them lately, as a club's care grows.
    const joinedDay = firstDay + Math.floor((todayDay - 30 - firstDay) * (dice.int(0, 999) / 1000) ** 0.6);
    const gone = dice.chance(0.25) && todayDay - 14 - joinedDay > 120;
    const poverty = dice.weighted<MemberFields['poverty']>([['poor', 35], ['nearPoor', 25], ['none', 40]]);
    const livesAlone = dice.chance(0.65);
    const disability = dice.chance(0.35);
    const notes = disability && dice.chance(0.4) ? NON_MEMBER_NOTES.disability : dice.pick(livesAlone ? NON_MEMBER_NOTES.alone : NON_MEMBER_NOTES.withFamily);
    return {
      fullName: fullName(dice, gender, age, minority),
      gender,
      birthYear,
      birthDate: dice.chance(0.3) ? born : null,
      phone: null,
      citizenId: dice.chance(0.2) ? citizenId(dice, input.place.idCode, gender, birthYear) : null,
      village: input.village,
      villageCode: null,
      group: dice.pick(SAMPLE_GROUPS),
      poverty,
      povertyYear: poverty === 'none' ? null : thisYear,
      livesAlone,
      disability,
      ethnicMinority: minority,
      roles: ['careRecipient'],
      joinedOn: fromDay(joinedDay),
      leftOn: gone ? fromDay(dice.int(joinedDay + 120, todayDay - 14)) : null,
      notes,
      notMember: true,
    };
  });
}

function fullName(dice: Dice, gender: MemberFields['gender'], age: number, minority: boolean): string {
  const woman = gender === 'female';
  const generation = age >= 55 ? 'older' : 'younger';
  const family = dice.weighted(minority ? ETHNIC_MINORITY_FAMILY_NAMES : FAMILY_NAMES);
  let middle: string;
  let given: string;
  if (minority && HMONG_FAMILIES.has(family)) {
    middle = woman ? dice.pick(['Thị', 'Mí']) : dice.pick(['A', 'Seo', 'Văn']);
    given = dice.pick(woman ? GIVEN.hmongWoman : GIVEN.hmongMan);
  } else {
    const who = woman ? (`${generation}Woman` as const) : (`${generation}Man` as const);
    middle = dice.weighted(MIDDLE[who]);
    given = dice.pick(GIVEN[who]);
    // "Thu Thu" or "Minh Minh" is not a name anyone is given.
    if (given === middle) given = dice.pick(GIVEN[who].filter((g) => g !== middle));
  }
  return `${family} ${middle} ${given}`.normalize('NFC');
}

/** Province, then century-and-sex (0/1 born 1900s man/woman, 2/3 the 2000s), then the year. */
function citizenId(dice: Dice, provinceCode: string, gender: MemberFields['gender'], birthYear: number): string {
  const century = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  return `${provinceCode}${century}${String(birthYear % 100).padStart(2, '0')}${dice.digits(6)}`;
}

/**
 * Exact counts of poor and near-poor households (a club of 65 drawn person by person could
 * come out a third poor), found more among the old; a quarter more in the mountains.
 */
function assignPoverty(dice: Dice, people: Person[], areaType: ClubFields['areaType'], thisYear: number): void {
  const more = areaType === 'mountains' ? 1.25 : 1;
  const weight = (p: Person) => (p.fields.poverty !== 'none' ? 0 : p.age >= 60 ? 2 : 1);
  const poor = dice.draw(people, weight, Math.round(people.length * SAMPLE_SHARES.poor * more));
  for (const p of poor) p.fields.poverty = 'poor';
  const nearPoor = dice.draw(people, weight, Math.round(people.length * SAMPLE_SHARES.nearPoor * more));
  for (const p of nearPoor) p.fields.poverty = 'nearPoor';
  for (const p of [...poor, ...nearPoor]) {
    // Certified per year: most certificates are this year's, some last year's.
    p.fields.povertyYear = thisYear - (dice.chance(0.3) ? 1 : 0);
  }
}

/**
 * One chair, one vice-chair, one treasurer and a leader for each household cluster, all
 * from those still in the club; then volunteers (mostly the younger and the young-old) and
 * the people volunteers care for at home (the oldest, those alone, those with a disability).
 */
function assignRoles(dice: Dice, people: Person[]): void {
  const n = people.length;
  const cared = dice.draw(
    people,
    (p) => {
      if (p.left || p.age < 60) return 0;
      const byAge = p.age >= 80 ? 6 : p.age >= 75 ? 4 : p.age >= 70 ? 2 : 0.5;
      return byAge * (p.fields.livesAlone ? 3 : 1) * (p.fields.disability ? 3 : 1);
    },
    Math.round(n * SAMPLE_SHARES.careRecipients),
  );
  for (const p of cared) p.roles.add('careRecipient');

  // The board and the cluster leaders: each holds one post, and is well enough to run it.
  const canLead = (p: Person) => !p.left && p.roles.size === 0 && p.age >= 30 && p.age <= 75;
  for (const role of ['chair', 'viceChair', 'treasurer'] as const) {
    dice.drawOne(people, (p) => (canLead(p) ? (p.age >= 50 ? 3 : 1) : 0))?.roles.add(role);
  }
  for (const group of SAMPLE_GROUPS) {
    dice.drawOne(people, (p) => (canLead(p) && p.fields.group === group ? 1 : 0))?.roles.add('groupLeader');
  }

  const volunteers = dice.draw(
    people,
    (p) => {
      if (p.roles.has('careRecipient')) return 0;
      const byAge = p.age < 60 ? 3 : p.age < 70 ? 2 : p.age < 75 ? 1 : 0.15;
      return byAge * (p.fields.disability ? 0.2 : 1) * (p.left ? 0.3 : 1);
    },
    Math.round(n * SAMPLE_SHARES.volunteers),
  );
  for (const p of volunteers) p.roles.add('volunteer');
}
