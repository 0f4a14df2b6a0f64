/**
 * How a reading is read: blood pressure by the Vietnamese 2018 grades (Hội Tim mạch Việt
 * Nam), BMI by the Asian cut-offs (WHO 2004 for Asian populations). The app flags and
 * suggests a re-check or a referral; it never says "diagnosis".
 */

export const PRESSURE_GRADES = ['low', 'optimal', 'normal', 'highNormal', 'grade1', 'grade2', 'grade3', 'isolatedSystolic'] as const;
export type PressureGrade = (typeof PRESSURE_GRADES)[number];

/** What the club does about a reading: nothing, measure again within 7 days, or refer now. */
export type PressureFlag = 'none' | 'recheck' | 'urgent';

/** At or over this the member is measured again within a week. */
export const RECHECK_FROM = { systolic: 140, diastolic: 90 } as const;
/** At or over this (or under LOW_UNDER) the member is referred to the commune health station. */
export const URGENT_FROM = { systolic: 180, diastolic: 110 } as const;
export const LOW_UNDER = { systolic: 90, diastolic: 60 } as const;

/** The step of each number on its own (0 optimal … 5 grade 3): the higher of the two decides. */
function systolicStep(systolic: number): number {
  if (systolic >= 180) return 5;
  if (systolic >= 160) return 4;
  if (systolic >= 140) return 3;
  if (systolic >= 130) return 2;
  if (systolic >= 120) return 1;
  return 0;
}

function diastolicStep(diastolic: number): number {
  if (diastolic >= 110) return 5;
  if (diastolic >= 100) return 4;
  if (diastolic >= 90) return 3;
  if (diastolic >= 85) return 2;
  if (diastolic >= 80) return 1;
  return 0;
}

const STEPS: readonly PressureGrade[] = ['optimal', 'normal', 'highNormal', 'grade1', 'grade2', 'grade3'];

/**
 * The grade of one reading. When the two numbers fall in different grades the higher
 * decides; systolic 140 or more with diastolic under 90 is isolated systolic. Low is a
 * systolic under 90 or a diastolic under 60 — unless the systolic is itself high (150/55
 * is isolated systolic, common in older arteries, not low pressure).
 */
export function pressureGrade(systolic: number, diastolic: number): PressureGrade {
  if (systolic < RECHECK_FROM.systolic && (systolic < LOW_UNDER.systolic || diastolic < LOW_UNDER.diastolic)) return 'low';
  if (systolic >= RECHECK_FROM.systolic && diastolic < RECHECK_FROM.diastolic) return 'isolatedSystolic';
  return STEPS[Math.max(systolicStep(systolic), diastolicStep(diastolic))]!;
}

export function pressureFlag(systolic: number, diastolic: number): PressureFlag {
  if (systolic >= URGENT_FROM.systolic || diastolic >= URGENT_FROM.diastolic) return 'urgent';
  if (pressureGrade(systolic, diastolic) === 'low') return 'urgent';
  if (systolic >= RECHECK_FROM.systolic || diastolic >= RECHECK_FROM.diastolic) return 'recheck';
  return 'none';
}

export const BMI_CLASSES = ['underweight', 'normal', 'overweight', 'obese1', 'obese2'] as const;
export type BmiClass = (typeof BMI_CLASSES)[number];

/** Body mass index to one decimal, or null without both numbers. */
export function bmi(weightKg: number | null, heightCm: number | null): number | null {
  if (weightKg === null || heightCm === null || heightCm <= 0) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

/** The Asian cut-offs, on the BMI rounded to one decimal as it is shown (22.95 shows 23.0: overweight). */
export function bmiClass(value: number): BmiClass {
  const shown = Math.round(value * 10) / 10;
  if (shown < 18.5) return 'underweight';
  if (shown < 23) return 'normal';
  if (shown < 25) return 'overweight';
  if (shown < 30) return 'obese1';
  return 'obese2';
}

/** A measurement the phone asks "are you sure?" about: possible, but more often a typing slip. */
export interface UnusualValue {
  field: 'systolic' | 'diastolic' | 'pulse' | 'weightKg' | 'heightCm' | 'bloodSugar' | 'temperature';
  messageKey: string;
}

/** Beyond these a value is possible but unusual (refused values are the reading schema's). */
const USUAL: Record<UnusualValue['field'], readonly [number, number]> = {
  systolic: [80, 220],
  diastolic: [45, 130],
  pulse: [45, 130],
  weightKg: [30, 120],
  heightCm: [130, 190],
  bloodSugar: [3.5, 15],
  temperature: [35.5, 39.5],
};

export function unusualValues(reading: Partial<Record<UnusualValue['field'], number | null>>): UnusualValue[] {
  const found: UnusualValue[] = [];
  for (const field of Object.keys(USUAL) as UnusualValue['field'][]) {
    const value = reading[field];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    const [low, high] = USUAL[field];
    if (value < low || value > high) found.push({ field, messageKey: `health.unusual.${field}` });
  }
  return found;
}
