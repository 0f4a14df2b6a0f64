import { describe, expect, it } from 'vitest';
import { bmi, bmiClass, pressureFlag, pressureGrade, unusualValues } from '../../src/domain/health-grades';

describe('blood pressure grades (Vietnamese 2018)', () => {
  // Each boundary on both sides: [systolic, diastolic, grade].
  const cases: [number, number, string][] = [
    [119, 79, 'optimal'],
    [120, 79, 'normal'],
    [119, 80, 'normal'],
    [129, 84, 'normal'],
    [130, 84, 'highNormal'],
    [129, 85, 'highNormal'],
    [139, 89, 'highNormal'],
    [140, 90, 'grade1'],
    [139, 90, 'grade1'],
    [159, 99, 'grade1'],
    [160, 99, 'grade2'],
    [159, 100, 'grade2'],
    [179, 109, 'grade2'],
    [180, 109, 'grade3'],
    [179, 110, 'grade3'],
    [140, 89, 'isolatedSystolic'],
    [185, 89, 'isolatedSystolic'],
    [150, 55, 'isolatedSystolic'],
    [89, 59, 'low'],
    [89, 70, 'low'],
    [100, 59, 'low'],
    [90, 60, 'optimal'],
  ];
  it.each(cases)('%i/%i is %s', (systolic, diastolic, grade) => {
    expect(pressureGrade(systolic, diastolic)).toBe(grade);
  });

  const flags: [number, number, string][] = [
    [139, 89, 'none'],
    [140, 89, 'recheck'],
    [139, 90, 'recheck'],
    [179, 109, 'recheck'],
    [180, 109, 'urgent'],
    [179, 110, 'urgent'],
    [185, 115, 'urgent'],
    [89, 59, 'urgent'],
    [90, 60, 'none'],
    [100, 59, 'urgent'],
  ];
  it.each(flags)('%i/%i asks for %s', (systolic, diastolic, flag) => {
    expect(pressureFlag(systolic, diastolic)).toBe(flag);
  });
});

describe('BMI by the Asian cut-offs', () => {
  it('is weight over height squared, to one decimal', () => {
    expect(bmi(52, 155)).toBe(21.6);
    expect(bmi(null, 155)).toBeNull();
    expect(bmi(52, null)).toBeNull();
  });

  const classes: [number, string][] = [
    [18.4, 'underweight'],
    [18.5, 'normal'],
    [22.9, 'normal'],
    [22.95, 'overweight'],
    [23, 'overweight'],
    [24.9, 'overweight'],
    [25, 'obese1'],
    [29.9, 'obese1'],
    [30, 'obese2'],
  ];
  it.each(classes)('%f is %s', (value, cls) => {
    expect(bmiClass(value)).toBe(cls);
  });
});

describe('unusual but possible values', () => {
  it('asks about each number outside its usual range, and not about usual ones', () => {
    expect(unusualValues({ systolic: 130, diastolic: 80, pulse: 72, weightKg: 52, heightCm: 155, bloodSugar: 6, temperature: 36.8 })).toEqual([]);
    expect(unusualValues({ systolic: 230, diastolic: 40, weightKg: 140, temperature: 40 }).map((u) => u.field)).toEqual(['systolic', 'diastolic', 'weightKg', 'temperature']);
    expect(unusualValues({ systolic: null, pulse: 150 })).toEqual([{ field: 'pulse', messageKey: 'health.unusual.pulse' }]);
  });
});
