// The credit-policy form, shared by the page and the use case: the choices, typed credit read
// strictly ("19.25" → 1925 hundredths), and one policy per accrediting body read from the
// posted values with an error on each field in trouble.
import type { courseCreditPolicies, CreditRule, CreditUnit } from '#db/schema/credit.ts';
import { t } from '#lib/i18n.ts';

type CreditPolicyRow = typeof courseCreditPolicies.$inferSelect;

export const CREDIT_UNITS: readonly CreditUnit[] = ['credits', 'hours', 'points'];
export const CREDIT_RULES: readonly CreditRule[] = ['commensurate', 'full_attendance'];
export const ROUNDING_STEPS = [15, 30, 60] as const;
export const ROUNDINGS = ['down', 'nearest'] as const;

/** The fields of one body's policy on the form: `policies.<i>.<field>`. */
export const POLICY_FIELDS = ['grants', 'unit', 'maxCredit', 'rule', 'minutesPerCredit', 'roundingStepMinutes', 'rounding', 'evaluationRequired', 'minimumCredit'] as const;

export type PolicyInput = Omit<typeof courseCreditPolicies.$inferInsert, 'id' | 'organizationId' | 'courseId'>;

/** "19.25", "19.5", "19" → hundredths; null when not a plain amount with at most two decimals. */
export function parseCredit(typed: string): number | null {
  const s = typed.trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, fraction = ''] = s.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** The form's values for a policy as stored (or the usual defaults when there is none yet). */
export function policyFormValues(row: CreditPolicyRow | undefined, statedCredits?: number, anySaved = false): Record<(typeof POLICY_FIELDS)[number], string> {
  const credit = (h: number) => (h % 100 === 0 ? String(h / 100) : (h / 100).toFixed(2).replace(/0$/, ''));
  return {
    // Before anything is saved every body is offered; after, the ones saved.
    grants: row || !anySaved ? 'on' : '',
    unit: row?.unit ?? 'credits',
    maxCredit: row ? credit(row.maxCreditHundredths) : statedCredits ? String(statedCredits) : '',
    rule: row?.rule ?? 'commensurate',
    minutesPerCredit: String(row?.minutesPerCredit ?? 60),
    roundingStepMinutes: String(row?.roundingStepMinutes ?? 15),
    rounding: row?.rounding ?? 'down',
    evaluationRequired: row ? (row.evaluationRequired ? 'on' : '') : 'on',
    minimumCredit: row ? credit(row.minimumCreditHundredths) : '0',
  };
}

export type ReadPoliciesResult = { ok: true; policies: PolicyInput[] } | { ok: false; errors: Record<string, string> };

/**
 * Reads one policy per body from posted values (`policies.<i>.<field>`, i in the bodies' order).
 * A body whose `grants` box is not ticked grants no credit (an equivalency statement such as
 * AMA/AAFP is printed but is not a body of its own): its fields are not read.
 */
export function readCreditPolicies(bodies: readonly string[], values: Record<string, string | undefined>): ReadPoliciesResult {
  const errors: Record<string, string> = {};
  const policies: PolicyInput[] = [];
  bodies.forEach((body, i) => {
    const name = (f: string) => `policies.${i}.${f}`;
    const get = (f: string) => (values[name(f)] ?? '').trim();
    if (values[name('grants')] !== 'on') return;
    const unit = get('unit') as CreditUnit;
    if (!CREDIT_UNITS.includes(unit)) errors[name('unit')] = t('creditPolicy.chooseOne');
    const rule = get('rule') as CreditRule;
    if (!CREDIT_RULES.includes(rule)) errors[name('rule')] = t('creditPolicy.chooseOne');
    const rounding = get('rounding') as (typeof ROUNDINGS)[number];
    if (!ROUNDINGS.includes(rounding)) errors[name('rounding')] = t('creditPolicy.chooseOne');
    const step = Number(get('roundingStepMinutes'));
    if (!ROUNDING_STEPS.includes(step as (typeof ROUNDING_STEPS)[number])) errors[name('roundingStepMinutes')] = t('creditPolicy.chooseOne');
    const max = parseCredit(get('maxCredit'));
    if (get('maxCredit') === '') errors[name('maxCredit')] = t('creditPolicy.required');
    else if (max === null || max <= 0) errors[name('maxCredit')] = t('creditPolicy.creditFormat');
    const minTyped = get('minimumCredit') || '0';
    const min = parseCredit(minTyped);
    if (min === null) errors[name('minimumCredit')] = t('creditPolicy.creditFormat');
    else if (max !== null && min > max) errors[name('minimumCredit')] = t('creditPolicy.minimumAboveMax');
    const minutesTyped = get('minutesPerCredit');
    const minutes = /^\d{1,3}$/.test(minutesTyped) ? Number(minutesTyped) : NaN;
    if (minutesTyped === '') errors[name('minutesPerCredit')] = t('creditPolicy.required');
    else if (!Number.isInteger(minutes) || minutes < 1 || minutes > 600) errors[name('minutesPerCredit')] = t('creditPolicy.minutesRange');
    if (Object.keys(errors).some((k) => k.startsWith(`policies.${i}.`))) return;
    policies.push({
      body,
      unit,
      maxCreditHundredths: max!,
      rule,
      minutesPerCredit: minutes,
      roundingStepMinutes: step,
      rounding,
      evaluationRequired: values[name('evaluationRequired')] === 'on',
      minimumCreditHundredths: min!,
    });
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, policies };
}

/** The accrediting bodies named in a course's statements, in their order, each once. */
export function accreditingBodies(accreditation: readonly { body: string }[]): string[] {
  return [...new Set(accreditation.map((a) => a.body.trim()).filter(Boolean))];
}
