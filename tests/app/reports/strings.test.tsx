import { describe, expect, it } from 'vitest';
import { REPORT_FIGURES } from '../../../src/domain/club-report';
import { FIGURE_GROUPS, GROUPS } from '../../../src/app/reports/report-figures';
import { reportsEn } from '../../../src/app/reports/strings-en';
import { reportsVi } from '../../../src/app/reports/strings-vi';
import { expectSameStrings } from '../i18n/same-strings';

describe('the report’s words', () => {
  it('exist in English for every Vietnamese key, with the same placeholders', () => {
    expectSameStrings(reportsVi, reportsEn);
  });

  it('name every figure of the report, and every figure is in exactly one group, in the domain’s order', () => {
    const grouped = GROUPS.flatMap((group) => FIGURE_GROUPS[group]);
    expect(grouped).toEqual([...REPORT_FIGURES]);
    for (const figure of REPORT_FIGURES) {
      expect(reportsVi.figure, figure).toHaveProperty([figure]);
      expect(reportsEn.figure, figure).toHaveProperty([figure]);
    }
    for (const group of GROUPS) expect(reportsVi.group).toHaveProperty([group]);
  });
});
