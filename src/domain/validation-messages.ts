/**
 * The sentences behind the schemas' message keys, in both languages. The phone loads
 * them into i18next; the server uses them to explain a refused change. Plain words, for
 * people who are not used to forms.
 */
export const validationMessages = {
  vi: {
    required: 'Mục này cần điền.',
    invalidValue: 'Thông tin này không đúng.',
    unknownField: 'Có thông tin lạ không thuộc hồ sơ này.',
    textTooLong: 'Dài quá, hãy viết ngắn lại.',
    date: 'Ngày không đúng. Viết theo kiểu ngày/tháng/năm, ví dụ 05/03/1950.',
    money: 'Số tiền phải là số đồng chẵn, không âm.',
    clubNameRequired: 'Hãy nhập tên câu lạc bộ.',
    villageRequired: 'Hãy nhập tên thôn / khu phố.',
    communeRequired: 'Hãy nhập tên xã / phường.',
    provinceRequired: 'Hãy nhập tên tỉnh / thành phố.',
    areaType: 'Chọn đồng bằng hoặc miền núi.',
    olderAgeFrom: 'Tuổi tính là người cao tuổi phải từ 50 đến 70.',
    maxLoan: 'Mức vay tối đa không quá 1 tỷ đồng.',
    interestRate: 'Lãi suất phải từ 0 đến 10 % một tháng.',
    percent: 'Phải là số từ 0 đến 100.',
    loanTerm: 'Thời hạn vay từ 1 đến 60 tháng.',
    fullNameRequired: 'Hãy nhập họ và tên.',
    gender: 'Chọn nữ hoặc nam.',
    birthYear: 'Hãy nhập năm sinh, 4 chữ số, ví dụ 1952.',
    birthDateYear: 'Ngày sinh không khớp với năm sinh.',
    phone: 'Số điện thoại phải có 10 chữ số, bắt đầu bằng số 0.',
    citizenId: 'Số căn cước phải có đúng 12 chữ số.',
    poverty: 'Chọn hộ nghèo, cận nghèo hoặc không.',
    povertyYear: 'Hãy nhập năm được công nhận hộ nghèo / cận nghèo.',
    leftBeforeJoined: 'Ngày rời câu lạc bộ phải sau ngày vào.',
    joinedBeforeBirth: 'Ngày vào câu lạc bộ phải sau năm sinh.',
  },
  en: {
    required: 'This needs to be filled in.',
    invalidValue: 'This is not right.',
    unknownField: 'There is a field that does not belong in this record.',
    textTooLong: 'Too long, please shorten it.',
    date: 'Not a real date. Write it as day/month/year, for example 05/03/1950.',
    money: 'The amount must be whole đồng and not negative.',
    clubNameRequired: 'Enter the club’s name.',
    villageRequired: 'Enter the village.',
    communeRequired: 'Enter the commune or ward.',
    provinceRequired: 'Enter the province or city.',
    areaType: 'Choose plains or mountains.',
    olderAgeFrom: 'The age from which members count as older must be 50 to 70.',
    maxLoan: 'The largest loan cannot exceed 1 billion đồng.',
    interestRate: 'Interest must be between 0 and 10 % a month.',
    percent: 'Must be a number from 0 to 100.',
    loanTerm: 'A loan term is 1 to 60 months.',
    fullNameRequired: 'Enter the full name.',
    gender: 'Choose woman or man.',
    birthYear: 'Enter the year of birth, 4 digits, for example 1952.',
    birthDateYear: 'The date of birth does not match the year of birth.',
    phone: 'A phone number has 10 digits and starts with 0.',
    citizenId: 'A citizen ID has exactly 12 digits.',
    poverty: 'Choose poor, near-poor or neither.',
    povertyYear: 'Enter the year the household was certified poor or near-poor.',
    leftBeforeJoined: 'The date of leaving must be after the date of joining.',
    joinedBeforeBirth: 'The date of joining must be after the year of birth.',
  },
} as const satisfies Record<'vi' | 'en', Record<string, string>>;

export type ValidationMessageKey = keyof (typeof validationMessages)['vi'];

/** "validation.phone" → the sentence in a language, for the server's error messages. */
export function validationMessage(key: string, language: 'vi' | 'en'): string {
  const short = key.replace(/^validation\./, '') as ValidationMessageKey;
  // Own keys only: a key named like an Object.prototype member (toString) must fall back
  // too, not return that function.
  return Object.hasOwn(validationMessages[language], short)
    ? validationMessages[language][short]
    : validationMessages[language].invalidValue;
}
