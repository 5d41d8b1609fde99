// The one action behind the three public inquiry forms: the schema of the form, the honeypot,
// the signed fill time, the per-address limit, then the inquiry. Every refusal answers with
// what was typed, so nothing has to be typed twice; nothing a visitor sends can cause a 500.
import { data, redirect, type RouterContextProvider } from 'react-router';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import type { InquiryKind } from '#domain/inquiries/kinds.ts';
import { checkFormToken, formTokenKey, inquiryMinFillSeconds, issueFormToken } from '#domain/inquiries/fill-time.server.ts';
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, INQUIRY_FORMS, type InquiryFields } from '#domain/inquiries/inquiry-form.ts';
import { takeInquiryThrottle } from '#domain/inquiries/inquiry-throttle.server.ts';
import { spamRefusal } from '#domain/inquiries/spam-guard.ts';
import { submitInquiry } from '#domain/inquiries/submit-inquiry.server.ts';
import { t } from '#lib/i18n.ts';

interface Args {
  request: Request;
  context: Readonly<RouterContextProvider>;
  params: { org?: string };
}

/** The public form's loader: the organization, a freshly signed fill-time token, and whether a request was just sent. */
export async function loadInquiryForm({ request, context, params }: Args) {
  const org = await requireOrganization(context, params.org);
  const { encryptionKey } = services(context);
  return {
    org: { slug: org.slug, name: org.name },
    formToken: issueFormToken(formTokenKey(encryptionKey), org.id),
    sent: new URL(request.url).searchParams.get('sent') === '1',
  };
}

export async function submitInquiryForm(kind: InquiryKind, path: string, { request, context, params }: Args) {
  const org = await requireOrganization(context, params.org);
  const { db, jobs, publicUrl, requestId, clientAddress, encryptionKey } = services(context);
  // A body that is not a form (another content type, a broken multipart) is an empty form: refused, not a 500.
  const formData = await request.formData().catch(() => new FormData());
  const key = formTokenKey(encryptionKey);
  const parsed = parseForm(INQUIRY_FORMS[kind], formData);
  const values = parsed.values;
  const token = checkFormToken(key, org.id, values[FORM_TOKEN_FIELD], inquiryMinFillSeconds());
  // A form sent too soon keeps its token (the time runs from when it was first shown); one
  // with no usable token gets a fresh one, so sending again works.
  const formToken = token.ok || token.problem === 'too_fast' ? values[FORM_TOKEN_FIELD]! : issueFormToken(key, org.id);
  const refuse = (status: number, alert: string, errors: Record<string, string> = {}, headers?: HeadersInit) => data({ errors, values, alert, formToken }, { status, headers });

  const refusal = spamRefusal(values[HONEYPOT_FIELD], token);
  if (refusal === 'INQUIRY_HONEYPOT') return refuse(400, errorMessage(refusal));
  if (!parsed.ok) return refuse(400, t('form.fixErrors'), parsed.errors);
  if (refusal) return refuse(400, errorMessage(refusal));
  const throttle = await takeInquiryThrottle(db, clientAddress);
  if (!throttle.allowed) {
    const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
    return refuse(429, t('inquiriesErrors.rateLimited', { minutes }), {}, { 'retry-after': String(throttle.retryAfterSeconds) });
  }
  const result = await submitInquiry(db, { organizationId: org.id, ...({ kind, fields: parsed.data } as InquiryFields) }, { userId: null, requestId }, { publicUrl, secretKey: encryptionKey });
  await jobs.deliverEmails(result.emailIds);
  return redirect(`/o/${org.slug}/${path}?sent=1`);
}
