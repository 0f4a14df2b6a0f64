import * as z from 'zod/mini';
import { CARE_READERS } from './care-plans';
import { defineCollection } from './collection';
import type { CalendarDate } from './dates';
import { calendarDate, measure, optionalText, wholeNumber } from './validation';

/** Where a reading was taken. */
export const READING_PLACES = ['meeting', 'homeVisit', 'healthDay', 'clinic'] as const;
export type ReadingPlace = (typeof READING_PLACES)[number];

/** The numbers of a reading, each with its unit in its name or here (mmHg, beats/min, kg, cm, mmol/L, °C). */
export const MEASURES = ['systolic', 'diastolic', 'pulse', 'weightKg', 'heightCm', 'bloodSugar', 'temperature'] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * A health reading (append-only, struck out like a visit). Every number may be missing — a
 * home visit takes only the pressure, a health day the weight too — but not all of them,
 * and pressure comes as its two numbers together. The ranges refuse what no living person
 * measures (systolic 20 or 400, a weight of 5 kg): a slip, said clearly, never stored.
 */
export const readings = defineCollection({
  name: 'readings',
  kind: 'appendOnly',
  shape: () => ({
    personId: z.uuid({ error: 'validation.carePerson' }),
    takenOn: calendarDate,
    place: z.enum(READING_PLACES, { error: 'validation.invalidValue' }),
    /** mmHg */
    systolic: z.nullable(wholeNumber(50, 300, 'validation.systolic')),
    /** mmHg */
    diastolic: z.nullable(wholeNumber(20, 200, 'validation.diastolic')),
    /** beats a minute */
    pulse: z.nullable(wholeNumber(20, 250, 'validation.pulse')),
    weightKg: z.nullable(measure(20, 250, 1, 'validation.weight')),
    heightCm: z.nullable(wholeNumber(90, 220, 'validation.height')),
    /** mmol/L */
    bloodSugar: z.nullable(measure(1, 40, 1, 'validation.bloodSugar')),
    /** °C */
    temperature: z.nullable(measure(30, 45, 1, 'validation.temperature')),
    note: optionalText(500),
  }),
  check(reading, ctx) {
    const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const systolic = num(reading.systolic);
    const diastolic = num(reading.diastolic);
    if ((reading.systolic === null) !== (reading.diastolic === null)) {
      const missing = reading.systolic === null ? 'systolic' : 'diastolic';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'validation.pressureBoth', params: { fields: ['systolic', 'diastolic'] } });
    }
    if (systolic !== null && diastolic !== null && diastolic >= systolic) {
      ctx.addIssue({ code: 'custom', path: ['diastolic'], message: 'validation.diastolicAboveSystolic', params: { fields: ['diastolic', 'systolic'] } });
    }
    const measured = (['systolic', 'diastolic', 'pulse', 'weightKg', 'heightCm', 'bloodSugar', 'temperature'] as const).some((m) => reading[m] !== null);
    if (!measured) ctx.addIssue({ code: 'custom', path: ['systolic'], message: 'validation.readingEmpty' });
  },
  read: CARE_READERS,
  write: ['chair', 'board', 'volunteer'],
  localIndexes: ['personId', 'takenOn'],
});

export type Reading = z.output<typeof readings.recordSchema>;
export type ReadingFields = z.output<typeof readings.fieldsSchema>;

export function newReadingFields(personId: string, takenOn: CalendarDate, place: ReadingPlace): ReadingFields {
  return {
    personId,
    takenOn,
    place,
    systolic: null,
    diastolic: null,
    pulse: null,
    weightKg: null,
    heightCm: null,
    bloodSugar: null,
    temperature: null,
    note: null,
  };
}
