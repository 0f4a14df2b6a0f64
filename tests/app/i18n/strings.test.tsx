import { describe, it } from 'vitest';
import { en } from '../../../src/app/i18n/en';
import { screensEn } from '../../../src/app/i18n/screens-en';
import { screensVi } from '../../../src/app/i18n/screens-vi';
import { vi } from '../../../src/app/i18n/vi';
import { meetingsEn } from '../../../src/app/meetings/strings-en';
import { meetingsVi } from '../../../src/app/meetings/strings-vi';
import { careEn } from '../../../src/app/care/strings-en';
import { careVi } from '../../../src/app/care/strings-vi';
import { fundEn } from '../../../src/app/fund/strings-en';
import { fundVi } from '../../../src/app/fund/strings-vi';
import { healthEn } from '../../../src/app/health/strings-en';
import { healthVi } from '../../../src/app/health/strings-vi';
import { expectSameStrings } from './same-strings';

describe('the app’s words', () => {
  it('exist in English for every Vietnamese key, with the same placeholders', () => {
    expectSameStrings(vi, en);
  });

  it('of the screens that load when opened, too', () => {
    expectSameStrings(screensVi, screensEn);
  });

  it('of the meeting book, too', () => {
    expectSameStrings(meetingsVi, meetingsEn);
  });

  it('of the home-care and health books, too', () => {
    expectSameStrings(careVi, careEn);
    expectSameStrings(fundVi, fundEn);
    expectSameStrings(healthVi, healthEn);
  });
});
