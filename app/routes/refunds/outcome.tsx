// The facts of a cancellation policy and outcome, shared by the registrant's and the staff pages.
import type { CancellationOutcome } from '#domain/money/policy.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export interface PolicyFacts {
  cancellationDeadline: string | null;
  cancellationFeeMinor: number;
  refundWithinDays: number;
  currency: string;
}

export function PolicyList({ policy }: { policy: PolicyFacts }) {
  return (
    <dl className="facts">
      <dt>{t('refunds.deadline')}</dt>
      <dd>{policy.cancellationDeadline ? formatDate(policy.cancellationDeadline) : t('refunds.noDeadline')}</dd>
      <dt>{t('refunds.fee')}</dt>
      <dd>{formatMoney(policy.cancellationFeeMinor, policy.currency)}</dd>
      <dt>{t('refunds.refundTiming')}</dt>
      <dd>{t('refunds.refundTimingValue', { days: policy.refundWithinDays })}</dd>
      <dt>{t('refunds.afterDeadline')}</dt>
      <dd>{t('refunds.afterDeadlineValue')}</dd>
    </dl>
  );
}

export function OutcomeList({ outcome, currency, dueOn }: { outcome: CancellationOutcome; currency: string; dueOn?: string | null }) {
  const money = (minor: number) => formatMoney(minor, currency);
  // Nothing paid: no fee can be withheld and nothing is refunded, whatever the rule would say.
  if (outcome.paidMinor === 0 && outcome.retainedMinor === 0 && outcome.refundMinor === 0) {
    return (
      <dl className="facts">
        <dt>{t('refunds.paid')}</dt>
        <dd>{money(0)}</dd>
        <dt>{t('refunds.refund')}</dt>
        <dd>{t('refunds.nothingPaid')}</dd>
      </dl>
    );
  }
  return (
    <dl className="facts">
      <dt>{t('refunds.paid')}</dt>
      <dd>{money(outcome.paidMinor)}</dd>
      <dt>{t('refunds.retained')}</dt>
      <dd>{money(outcome.retainedMinor)}</dd>
      <dt>{t('refunds.refund')}</dt>
      <dd>
        <strong>{money(outcome.refundMinor)}</strong> ({t(`refunds.rule_${outcome.rule}`)})
      </dd>
      {dueOn && outcome.refundMinor > 0 ? (
        <>
          <dt>{t('refunds.refundDueBy')}</dt>
          <dd>{formatDate(dueOn)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** When a cancellation was acknowledged, in the course's time zone, naming the zone ("… 1:25 AM EST"). */
export function acknowledgedText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at);
}
