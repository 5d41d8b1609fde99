// /verify/:code — the public answer for a certificate's code: valid, revoked (when and why),
// superseded by a correction (when), issued long ago with its records retired, unknown, or not
// a code at all (a typo caught by the check character). It names the person, the course, its
// dates and organizer, the accrediting body and the credit: nothing else about the person.
// Lookups are limited per client address, so codes cannot be tried in bulk.
import { data } from 'react-router';
import { services } from '#app/lib/guards.server.ts';
import { lookUpCertificate } from '#domain/certificates/look-up-certificate.server.ts';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { formatDate, t } from '#lib/i18n.ts';
import { formatCredit } from '#lib/credit-format.ts';
import { VerifyForm } from './verify-form.tsx';
import type { Route } from './+types/verify-code.ts';

export async function loader({ context, params }: Route.LoaderArgs) {
  const { db, clientAddress } = services(context);
  const typed = (params.code ?? '').slice(0, 100);
  const lookup = await lookUpCertificate(db, { clientAddress, typed });
  if (lookup.throttled) {
    return data({ throttled: true as const, retryAfterMinutes: lookup.retryAfterMinutes, typed, answer: null }, { status: 429, headers: { 'Retry-After': String(lookup.retryAfterMinutes * 60) } });
  }
  return { throttled: false as const, retryAfterMinutes: 0, typed, answer: lookup.answer };
}

export function headers() {
  return { 'Cache-Control': 'no-store' };
}

export default function VerifyCode({ loaderData }: Route.ComponentProps) {
  const { answer } = loaderData;
  return (
    <main id="main" className="page narrow">
      <title>{t('verify.resultTitle')}</title>
      <MetaDescription content={t('meta.verify')} />
      <h1>{t('verify.resultTitle')}</h1>
      {loaderData.throttled ? (
        <div className="notice error" role="alert">
          <p>{t('verify.throttled', { minutes: loaderData.retryAfterMinutes })}</p>
        </div>
      ) : !answer ? null : !answer.found ? (
        <div className="notice error" role="alert">
          <p>
            <strong>{answer.reason === 'malformed' ? t('verify.malformed') : t('verify.unknown')}</strong>
          </p>
          <p>{answer.reason === 'malformed' ? t('verify.malformedHelp') : t('verify.unknownHelp')}</p>
        </div>
      ) : (
        <>
          <div className={answer.status === 'valid' && !answer.retired ? 'notice success' : 'notice error'} role="status">
            <p>
              <strong>
                {answer.retired
                  ? t('verify.retired')
                  : answer.status === 'valid'
                    ? t('verify.valid')
                    : answer.status === 'revoked'
                      ? t('verify.revoked', { date: formatDate(answer.revokedOn ?? answer.issuedOn) })
                      : t('verify.superseded', { date: formatDate(answer.supersededOn ?? answer.issuedOn) })}
              </strong>
            </p>
            {answer.status === 'revoked' && answer.revokeReason ? <p>{t('verify.revokeReason', { reason: answer.revokeReason })}</p> : null}
            {answer.status === 'superseded' ? <p>{t('verify.supersededHelp')}</p> : null}
            {answer.retired ? <p>{t('verify.retiredHelp')}</p> : null}
          </div>
          <dl className="facts">
            <dt>{t('verify.code')}</dt>
            <dd>
              <code>{answer.code}</code>
            </dd>
            {answer.recipientName ? (
              <>
                <dt>{t('verify.name')}</dt>
                <dd>{answer.recipientName}</dd>
              </>
            ) : null}
            <dt>{t('verify.course')}</dt>
            <dd>{answer.courseTitle}</dd>
            <dt>{t('verify.dates')}</dt>
            <dd>{answer.courseDates}</dd>
            {answer.place ? (
              <>
                <dt>{t('verify.place')}</dt>
                <dd>{answer.place}</dd>
              </>
            ) : null}
            <dt>{t('verify.organizer')}</dt>
            <dd>{answer.organizationName}</dd>
            <dt>{t('verify.body')}</dt>
            <dd>{answer.body}</dd>
            <dt>{t('verify.credit')}</dt>
            <dd>{answer.kind === 'credit' ? `${formatCredit(answer.credit)} ${t(`certificatePdf.units.${answer.unit}`)}` : t('verify.attendanceOnly')}</dd>
            <dt>{t('verify.issued')}</dt>
            <dd>{formatDate(answer.issuedOn)}</dd>
          </dl>
        </>
      )}
      <h2>{t('verify.another')}</h2>
      <VerifyForm defaultValue={answer && !answer.found ? loaderData.typed : undefined} />
    </main>
  );
}
