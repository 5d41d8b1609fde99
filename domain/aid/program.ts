// The financial-aid program of a course as pure rules: is it running, is it open on a given
// local date, may this application be made, may this award be given. The database functions
// call these under the money lock; the tests call them directly. See ADR 0043.
import { PLACE_HOLDING, ACTIVE, type RegistrationStatus } from '#db/schema/registration.ts';

/** What the course row says about its program. */
export interface AidProgram {
  financialAidDeadline: string | null;
  financialAidAwards: number | null;
  financialAidMaxMinor: number | null;
}

/** Longest hardship statement and free-text self-identification accepted. */
export const STATEMENT_MAX = 4000;
export const SELF_DESCRIBED_MAX = 200;
export const COMMENT_MAX = 2000;

/** Self-identification choices (all optional). */
export const AID_GROUPS = ['ethnic', 'socioeconomic', 'professional', 'other'] as const;
export type AidGroup = (typeof AID_GROUPS)[number];

/** What an application says, stored only sealed. */
export interface AidContent {
  statement: string;
  groups: AidGroup[];
  selfDescribed: string;
  preferNotToSay: boolean;
}

/** A program runs when it has at least one award of a positive maximum. */
export function programRuns(program: AidProgram): boolean {
  return (program.financialAidAwards ?? 0) > 0 && (program.financialAidMaxMinor ?? 0) > 0;
}

/** Open through the whole deadline day (local date in the course's zone), inclusive; no deadline: open. */
export function programOpenOn(program: AidProgram, today: string): boolean {
  return programRuns(program) && (program.financialAidDeadline === null || today <= program.financialAidDeadline);
}

/** Only people who have applied to the course — a registration still in play — may apply. */
export function mayApplyWith(status: RegistrationStatus): boolean {
  return ACTIVE.includes(status);
}

export type ApplicationRefusal = 'AID_NO_PROGRAM' | 'AID_CLOSED' | 'AID_NOT_ELIGIBLE' | 'AID_AMOUNT_INVALID' | 'AID_AMOUNT_OVER_MAX';

/** Why an application cannot be made now, or null. The amount is checked last (a field error). */
export function applicationRefusal(program: AidProgram, input: { today: string; status: RegistrationStatus; requestedMinor: number }): ApplicationRefusal | null {
  if (!programRuns(program)) return 'AID_NO_PROGRAM';
  if (!programOpenOn(program, input.today)) return 'AID_CLOSED';
  if (!mayApplyWith(input.status)) return 'AID_NOT_ELIGIBLE';
  if (!Number.isInteger(input.requestedMinor) || input.requestedMinor <= 0) return 'AID_AMOUNT_INVALID';
  if (input.requestedMinor > program.financialAidMaxMinor!) return 'AID_AMOUNT_OVER_MAX';
  return null;
}

export type AwardRefusal = 'AID_NO_PROGRAM' | 'AID_ALREADY_DECIDED' | 'AID_NOT_ELIGIBLE' | 'AID_AMOUNT_INVALID' | 'AID_AMOUNT_OVER_MAX' | 'AID_AWARDS_USED_UP' | 'AID_AMOUNT_OVER_DUE';

/**
 * Why this award cannot be given, or null. `awardsGiven`: awards already made for the course,
 * counted under the course lock; `dueMinor`: what the registration owes before payments.
 */
export function awardRefusal(
  program: AidProgram,
  input: { applicationStatus: string; registrationStatus: RegistrationStatus; amountMinor: number; awardsGiven: number; dueMinor: number },
): AwardRefusal | null {
  if (!programRuns(program)) return 'AID_NO_PROGRAM';
  if (input.applicationStatus !== 'submitted') return 'AID_ALREADY_DECIDED';
  if (!PLACE_HOLDING.includes(input.registrationStatus)) return 'AID_NOT_ELIGIBLE';
  if (!Number.isInteger(input.amountMinor) || input.amountMinor <= 0) return 'AID_AMOUNT_INVALID';
  if (input.amountMinor > program.financialAidMaxMinor!) return 'AID_AMOUNT_OVER_MAX';
  if (input.awardsGiven >= program.financialAidAwards!) return 'AID_AWARDS_USED_UP';
  if (input.amountMinor > input.dueMinor) return 'AID_AMOUNT_OVER_DUE';
  return null;
}

/** The content as it is sealed: "prefer not to say" clears the choices. */
export function normalizeContent(content: AidContent): AidContent {
  const statement = content.statement.trim();
  if (content.preferNotToSay) return { statement, groups: [], selfDescribed: '', preferNotToSay: true };
  const groups = AID_GROUPS.filter((g) => content.groups.includes(g));
  return { statement, groups, selfDescribed: content.selfDescribed.trim(), preferNotToSay: false };
}

/** The committee's average score, one decimal, or null without reviews. */
export function averageScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}
