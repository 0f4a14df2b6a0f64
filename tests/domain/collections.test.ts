import { describe, expect, it } from 'vitest';
import { canRead, canWrite } from '../../src/domain/collection';
import { COLLECTIONS, COLLECTION_NAMES, findCollection } from '../../src/domain/collections';
import { DEVICE_ROLES } from '../../src/domain/record';

describe('the collection registry', () => {
  it('knows the club and its members, both merged field by field', () => {
    expect(COLLECTION_NAMES).toEqual(expect.arrayContaining(['club', 'members']));
    expect(COLLECTIONS.club.kind).toBe('fieldMerge');
    expect(COLLECTIONS.members.kind).toBe('fieldMerge');
    for (const name of COLLECTION_NAMES) expect(COLLECTIONS[name].name).toBe(name);
  });

  it('finds a collection by the name a push names, and nothing for an unknown or inherited name', () => {
    expect(findCollection('members')).toBe(COLLECTIONS.members);
    expect(findCollection('savingsGroups')).toBeUndefined();
    expect(findCollection('toString')).toBeUndefined();
    expect(findCollection('__proto__')).toBeUndefined();
    expect(findCollection('constructor')).toBeUndefined();
  });
});

describe('who may read and write', () => {
  it('lets every role read the club and its members', () => {
    for (const role of DEVICE_ROLES) {
      expect(canRead(COLLECTIONS.club, role)).toBe(true);
      expect(canRead(COLLECTIONS.members, role)).toBe(true);
    }
  });

  it('lets only the chair and the board change the club’s rules', () => {
    expect(DEVICE_ROLES.filter((role) => canWrite(COLLECTIONS.club, role))).toEqual(['chair', 'board']);
  });

  it('lets the treasurer, but not a volunteer, edit members', () => {
    expect(DEVICE_ROLES.filter((role) => canWrite(COLLECTIONS.members, role))).toEqual(['chair', 'board', 'treasurer']);
  });
});
