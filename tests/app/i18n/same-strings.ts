import { expect } from 'vitest';

/** Every key of a nested strings object, plural forms folded to their base ("count_one" → "count"). */
function keys(strings: object, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(strings)) {
    const name = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (value && typeof value === 'object') for (const inner of keys(value, `${name}.`)) out.add(inner);
    else out.add(name);
  }
  return out;
}

/** The {{placeholders}} of every string, by key. */
function placeholders(strings: object, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(strings)) {
    const name = `${prefix}${key}`;
    if (value && typeof value === 'object') for (const [k, v] of placeholders(value, `${name}.`)) out.set(k, v);
    else out.set(name.replace(/_(zero|one|two|few|many|other)$/, ''), [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort());
  }
  return out;
}

/** The English strings have exactly the Vietnamese keys, each with the same {{placeholders}}. */
export function expectSameStrings(viStrings: object, enStrings: object): void {
  expect([...keys(enStrings)].sort()).toEqual([...keys(viStrings)].sort());
  const viPlaces = placeholders(viStrings);
  for (const [key, places] of placeholders(enStrings)) expect(places, key).toEqual(viPlaces.get(key));
}

