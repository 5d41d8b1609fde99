// What the three public inquiry forms share: the hidden fill-time token and honeypot, the
// "sent" page, and reading back what was typed after a refusal.
import { useId } from 'react';
import { Link } from 'react-router';
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from '#domain/inquiries/inquiry-form.ts';
import { t } from '#lib/i18n.ts';

export interface InquiryActionData {
  errors: Record<string, string>;
  values: Record<string, string>;
  alert: string;
  formToken: string;
}

/** What was typed, after a refusal; the fallback on a fresh form. */
export function typed(actionData: InquiryActionData | undefined) {
  const values = actionData?.values ?? {};
  return (name: string, fallback = '') => values[name] ?? fallback;
}

/**
 * The signed moment the form was shown, and the honeypot: a field out of sight, out of the tab
 * order and hidden from screen readers (aria-hidden), labelled so that anyone who meets it
 * anyway knows to leave it empty. Only a script fills it.
 */
export function SpamGuardFields({ formToken, honeypot }: { formToken: string; honeypot: string }) {
  const id = useId();
  return (
    <>
      <input type="hidden" name={FORM_TOKEN_FIELD} value={formToken} />
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor={id}>{t('inquiriesForm.honeypot')}</label>
        <input id={id} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue={honeypot} />
      </div>
    </>
  );
}

export function SentNotice({ org, again }: { org: { slug: string; name: string }; again: string }) {
  return (
    <>
      <div className="notice success" role="status">
        <h1>{t('inquiriesForm.sentTitle')}</h1>
        <p>{t('inquiriesForm.sentBody', { org: org.name })}</p>
      </div>
      <p>
        <Link to={again}>{t('inquiriesForm.sentAnother')}</Link> · <Link to={`/o/${org.slug}`}>{org.name}</Link>
      </p>
    </>
  );
}
