import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { newReadingFields, readings } from '../../src/domain/readings';
import { validate } from '../../src/domain/validation';

const person = uuidv7();
const reading = (fields: Record<string, unknown>) => validate(readings.fieldsSchema, { ...newReadingFields(person, '2026-11-20', 'meeting'), ...fields });
const problem = (fields: Record<string, unknown>) => {
  const result = reading(fields);
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.messageKey}`);
};

describe('a health reading', () => {
  it('takes a full health-day reading and a pressure alone', () => {
    expect(reading({ systolic: 135, diastolic: 85, pulse: 76, weightKg: 52.5, heightCm: 154, bloodSugar: 6.1, temperature: 36.7 }).ok).toBe(true);
    expect(reading({ systolic: 185, diastolic: 115 }).ok).toBe(true);
    expect(reading({ weightKg: 48 }).ok).toBe(true);
  });

  it('refuses values no one measures, with the field and the reason', () => {
    expect(problem({ systolic: 20, diastolic: 10 })).toEqual(['systolic:validation.systolic', 'diastolic:validation.diastolic']);
    expect(problem({ systolic: 400, diastolic: 90 })).toEqual(['systolic:validation.systolic']);
    expect(problem({ weightKg: 5 })).toEqual(['weightKg:validation.weight']);
    expect(problem({ weightKg: 52.55 })).toEqual(['weightKg:validation.weight']);
    expect(problem({ temperature: 50 })).toEqual(['temperature:validation.temperature']);
    expect(problem({ pulse: 72.5 })).toEqual(['pulse:validation.pulse']);
  });

  it('refuses a diastolic at or above the systolic (numbers swapped), half a pressure, and nothing measured', () => {
    expect(problem({ systolic: 80, diastolic: 120 })).toEqual(['diastolic:validation.diastolicAboveSystolic']);
    expect(problem({ systolic: 120, diastolic: 120 })).toEqual(['diastolic:validation.diastolicAboveSystolic']);
    expect(problem({ systolic: 130 })).toEqual(['diastolic:validation.pressureBoth']);
    expect(problem({})).toEqual(['systolic:validation.readingEmpty']);
  });
});
