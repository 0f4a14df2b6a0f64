import { formatDate } from '../domain/dates';
import { validationMessage } from '../domain/validation-messages';

/**
 * The server's own sentences (errors and refused changes) in both languages; validation
 * keys go to the domain's sentences, the same ones the phone shows beside a field.
 */
export type Language = 'vi' | 'en';

const sentences = {
  vi: {
    'error.invalid': 'Yêu cầu không đúng dạng.',
    'error.unauthorized': 'Điện thoại này chưa vào câu lạc bộ, hoặc đã bị gỡ ra. Hãy nhờ chủ nhiệm mời lại.',
    'error.forbidden': 'Vai trò của bạn không được làm việc này.',
    'error.outsideScope': 'Nơi này không thuộc địa bàn của tài khoản hội.',
    'error.wrongSetupCode': 'Mã thiết lập máy chủ không đúng.',
    'error.clubExists': 'Câu lạc bộ này đã có trên máy chủ.',
    'error.cannotRevokeSelf': 'Không thể gỡ chính điện thoại đang dùng.',
    'error.alreadyChair': 'Điện thoại này đã là máy của chủ nhiệm.',
    'error.deviceRemoved': 'Điện thoại này đã bị gỡ khỏi câu lạc bộ.',
    'error.inviteUnusable': 'Mã mời không dùng được: có thể gõ sai, đã dùng rồi hoặc đã hết hạn.',
    'error.signInCodeUnusable': 'Mã đăng nhập không dùng được: có thể gõ sai hoặc đã bị hủy. Hãy hỏi người quản lý máy chủ.',
    'error.notFound': 'Không tìm thấy.',
    'error.tooLarge': 'Gửi một lần nhiều quá.',
    'error.upgradeRequired': 'Ứng dụng đã cũ. Hãy cập nhật lên bản mới để gửi sổ.',
    'error.schemaTooNew': 'Máy chủ chưa nhận được bản ứng dụng mới này. Hãy báo người quản lý máy chủ.',
    'error.rateLimited': 'Thử quá nhiều lần. Hãy chờ một phút rồi thử lại.',
    'error.internal': 'Máy chủ đang gặp sự cố. Sổ vẫn an toàn trên điện thoại và sẽ gửi lại sau.',
    'sync.unknownCollection': 'Máy chủ chưa biết loại hồ sơ này. Hãy cập nhật máy chủ.',
    'sync.roleCannotWrite': 'Vai trò của bạn không được sửa loại hồ sơ này.',
    'sync.notInOwnName': 'Máy của tình nguyện viên chỉ ghi được lần thăm của chính mình.',
    'sync.writeOffByChair': 'Chỉ máy của chủ nhiệm ghi được việc xóa nợ.',
    'sync.otherClub': 'Hồ sơ này không thuộc câu lạc bộ của bạn.',
    'sync.clubCannotBeDeleted': 'Không thể xoá hồ sơ câu lạc bộ.',
    'sync.recordDeleted': 'Hồ sơ này đã bị xoá trên máy khác, nên thay đổi này không được lưu.',
    'sync.recordCannotChange': 'Hồ sơ này đã ghi thì không sửa được; hãy ghi một bản điều chỉnh mới.',
  },
  en: {
    'error.invalid': 'The request is not in the right form.',
    'error.unauthorized': 'This phone is not (or no longer) in a club. Ask the chair for a new invite.',
    'error.forbidden': 'Your role may not do this.',
    'error.outsideScope': 'This place is outside the area of this association account.',
    'error.wrongSetupCode': 'The server setup code is wrong.',
    'error.clubExists': 'This club is already on the server.',
    'error.cannotRevokeSelf': 'You cannot remove the phone you are using.',
    'error.alreadyChair': 'This phone is the chair’s already.',
    'error.deviceRemoved': 'This phone was removed from the club.',
    'error.inviteUnusable': 'This invite code cannot be used: it may be mistyped, used already or expired.',
    'error.signInCodeUnusable': 'This sign-in code cannot be used: it may be mistyped or cancelled. Ask whoever runs the server.',
    'error.notFound': 'Not found.',
    'error.tooLarge': 'Too much in one request.',
    'error.upgradeRequired': 'This app is out of date. Please update it to send the book.',
    'error.schemaTooNew': 'The server does not know this newer app yet. Please tell whoever runs it.',
    'error.rateLimited': 'Too many tries. Wait a minute and try again.',
    'error.internal': 'The server has a problem. The book is safe on the phone and will be sent later.',
    'sync.unknownCollection': 'The server does not know this kind of record yet. It needs an update.',
    'sync.roleCannotWrite': 'Your role may not change this kind of record.',
    'sync.notInOwnName': 'A volunteer’s phone logs only its own visits.',
    'sync.writeOffByChair': 'Only the chair’s phone records a write-off.',
    'sync.otherClub': 'This record does not belong to your club.',
    'sync.clubCannotBeDeleted': 'The club’s own record cannot be deleted.',
    'sync.recordDeleted': 'This record was deleted on another phone, so this change was not kept.',
    'sync.recordCannotChange': 'This record cannot be changed once written; record a correction instead.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageKey = keyof (typeof sentences)['vi'];

/** "Another phone wrote 30/06/2024.": the other half of a conflict across fields. */
export function otherPhoneWrote(value: unknown, language: Language): string {
  const shown = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : String(value);
  return language === 'vi' ? `Máy khác đã ghi: ${shown}.` : `Another phone wrote: ${shown}.`;
}

export function message(key: string, language: Language): string {
  if (key.startsWith('validation.')) return validationMessage(key, language);
  const own = sentences[language] as Record<string, string>;
  return Object.hasOwn(own, key) ? own[key]! : own['error.invalid']!;
}

/** The first of vi/en the request prefers (Accept-Language, by q), Vietnamese when neither. */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag, q } of ranked) {
    if (q <= 0) continue;
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'vi';
}
