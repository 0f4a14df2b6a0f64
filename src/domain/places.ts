/**
 * Provinces and communes are typed by hand in each club's profile ("Xã Tân Lập", "tân  lập"),
 * and an association's scope is typed by hand too. Both are compared by a key: the words
 * without the administrative title, lower-case, spaces collapsed, tone marks kept (Hà Nam
 * and Hà Nậm are two places). From July 2025 the districts are gone: province → commune.
 */
const TITLES = /^(tỉnh|thành phố|tp\.?|xã|phường|thị trấn|đặc khu)\s+/u;

export function placeKey(name: string): string {
  const words = name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const untitled = words.replace(TITLES, '');
  return untitled === '' ? words : untitled;
}
