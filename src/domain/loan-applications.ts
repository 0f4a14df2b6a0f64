import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { FUND_READERS, FUND_WRITERS } from './entries';
import { MAX_LINE_AMOUNT } from './ledger';
import { acrossFields, calendarDate, optionalText, wholeNumber } from './validation';

/** What the club decided at its meeting: yes, not now (still counted as in need), or no. */
export const LOAN_DECISIONS = ['pending', 'approved', 'deferred', 'refused'] as const;
export type LoanDecision = (typeof LOAN_DECISIONS)[number];

/**
 * A member's request for a loan and the club's vote on it (LEDGER.md, "Application and
 * vote"). Field-merge: the treasurer writes the request, the meeting's vote is added later,
 * on whichever board phone was at the meeting.
 */
export const loanApplications = defineCollection({
  name: 'loanApplications',
  kind: 'fieldMerge',
  shape: () => ({
    memberId: z.uuid({ error: 'validation.loanMember' }),
    appliedOn: calendarDate,
    amount: z.int({ error: 'validation.loanAmount' }).check(z.gte(1, { error: 'validation.loanAmount' }), z.lte(MAX_LINE_AMOUNT, { error: 'validation.loanAmount' })),
    termMonths: wholeNumber(1, 60, 'validation.loanTerm'),
    purpose: optionalText(200),
    decision: z.enum(LOAN_DECISIONS, { error: 'validation.invalidValue' }),
    /** The meeting that voted (from the meeting book). */
    meetingId: z.nullable(z.uuid({ error: 'validation.loanMeeting' })),
    votesFor: z.nullable(wholeNumber(0, 999, 'validation.votes')),
    votesAgainst: z.nullable(wholeNumber(0, 999, 'validation.votes')),
  }),
  check(application, ctx) {
    if (application.decision !== 'pending' && application.meetingId === null) {
      ctx.addIssue(acrossFields('meetingId', 'validation.loanMeeting', ['decision']));
    }
  },
  read: FUND_READERS,
  write: FUND_WRITERS,
  localIndexes: ['memberId'],
});

export type LoanApplication = z.output<typeof loanApplications.recordSchema>;
export type LoanApplicationFields = z.output<typeof loanApplications.fieldsSchema>;

export function newApplicationFields(memberId: string, appliedOn: string, amount: number, termMonths: number): LoanApplicationFields {
  return { memberId, appliedOn, amount, termMonths, purpose: null, decision: 'pending', meetingId: null, votesFor: null, votesAgainst: null };
}
