/**
 * Vietnamese names are written family-middle-given ("Nguyễn Thị Lan"). Club books list
 * people by their given name, the last word, then by the rest.
 */
// Full Vietnamese collation, tones included. With sensitivity 'base' the tone marks were
// ignored for the given name, so "Anh" and "Ánh" (two different names) counted as equal
// and their holders came out interleaved by family name instead of grouped by given name.
const collator = new Intl.Collator('vi');

function splitName(fullName: string): { given: string; rest: string } {
  const words = fullName.trim().split(/\s+/);
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

export function givenName(fullName: string): string {
  return splitName(fullName).given;
}

export function compareByGivenName(a: string, b: string): number {
  const x = splitName(a);
  const y = splitName(b);
  return (
    collator.compare(x.given, y.given) ||
    collator.compare(x.rest, y.rest) ||
    // Two people with the same name: keep a stable, tone-aware order.
    a.localeCompare(b, 'vi')
  );
}

/**
 * Lower-case, no tone marks, no vowel marks, đ → d: "Nguyễn Thị Đào" → "nguyen thi dao".
 * NFD splits ă â ê ô ơ ư into a base letter and a combining mark; đ has no decomposition.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when every word typed appears somewhere in the folded text, in any order: people
 * who see the list sorted by given name often type it first ("lan nguyen").
 */
export function matchesFolded(foldedText: string, query: string): boolean {
  return foldForSearch(query)
    .split(' ')
    .every((word) => foldedText.includes(word));
}
