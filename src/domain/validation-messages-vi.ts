/**
 * The sentences behind the schemas' message keys, in Vietnamese (validation-messages.ts
 * puts the languages together for the server; the phone loads each with its language, so
 * the first screen carries only the one it shows). Plain words, for people who are not
 * used to forms.
 */
export const validationMessagesVi = {
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
  birthYearRange: 'Năm sinh phải từ 1900 đến năm nay.',
  birthYearFuture: 'Năm sinh không thể sau năm nay. Hãy xem lại.',
  bornAfterJoining: 'Năm sinh phải trước ngày vào câu lạc bộ. Hãy xem lại năm sinh.',
  joinedOnRequired: 'Hãy nhập ngày vào câu lạc bộ, hoặc chọn “Vào từ trước, không rõ ngày”.',
  birthDateYear: 'Ngày sinh không khớp với năm sinh.',
  phone: 'Số điện thoại phải có 10 chữ số, bắt đầu bằng số 0.',
  citizenId: 'Số căn cước phải có đúng 12 chữ số.',
  poverty: 'Chọn hộ nghèo, cận nghèo hoặc không.',
  povertyYear: 'Năm được công nhận phải là năm có thật, từ 2000 trở đi.',
  leftBeforeJoined: 'Ngày rời câu lạc bộ phải sau ngày vào.',
  meetingDay: 'Ngày họp phải từ 1 đến 31.',
  attendanceTarget: 'Mục tiêu đi họp phải từ 1 đến 100 %.',
  meetingKind: 'Chọn loại buổi sinh hoạt.',
  guests: 'Số khách phải là số từ 0 đến 999.',
  nextAfterHeld: 'Ngày dự kiến họp lần sau phải sau ngày họp này.',
  mark: 'Chọn có mặt, vắng có phép hoặc vắng.',
  markId: 'Điểm danh này không đúng người hoặc đúng buổi.',
} as const;
