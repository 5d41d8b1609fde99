// One inquiry for the organization's staff: what was asked, its status and assignee, internal
// notes, replies sent to the requester through the outbox, and the timeline of every change.
import { Fragment } from 'react';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { SelectField, TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { FormAlert } from '#app/components/field.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { INQUIRY_STATUSES } from '#domain/inquiries/kinds.ts';
import { DomainError } from '#domain/errors.ts';
import { addInquiryNote } from '#domain/inquiries/add-inquiry-note.server.ts';
import { assignInquiry } from '#domain/inquiries/assign-inquiry.server.ts';
import { changeInquiryStatus } from '#domain/inquiries/change-inquiry-status.server.ts';
import { findInquiryStaff } from '#domain/inquiries/find-inquiry-staff.server.ts';
import { getInquiry } from '#domain/inquiries/get-inquiry.server.ts';
import { replyToInquiry } from '#domain/inquiries/reply-to-inquiry.server.ts';
import { assignSchema, noteSchema, replySchema, statusSchema } from '#domain/inquiries/staff-forms.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/inquiry.ts';

async function load(db: Parameters<typeof getInquiry>[0], organizationId: string, inquiryId: string) {
  try {
    return await getInquiry(db, organizationId, inquiryId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'INQUIRY_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'inquiries:manage');
  requireIds(params.inquiryId);
  const { db } = services(context);
  const inquiry = await load(db, org.id, params.inquiryId);
  const staff = await findInquiryStaff(db, org.id);
  const names = new Map(staff.map((s) => [s.userId, s.name]));
  const when = (d: Date) => formatInstant(d, org.timeZone);
  return {
    slug: org.slug,
    canOutbox: rolesGrant(roles, 'outbox:read'),
    staff: staff.map((s) => ({ value: s.userId, label: s.name })),
    inquiry: {
      id: inquiry.id,
      kind: inquiry.kind,
      status: inquiry.status,
      assigneeUserId: inquiry.assigneeUserId,
      assigneeName: inquiry.assigneeName,
      requesterName: inquiry.requesterName,
      requesterEmail: inquiry.requesterEmail,
      requesterPhone: inquiry.requesterPhone,
      groupName: inquiry.groupName,
      location: inquiry.location,
      preferredDates: inquiry.preferredDates,
      speakerFormat: inquiry.speakerFormat,
      audience: inquiry.audience,
      audienceSize: inquiry.audienceSize,
      attendance: inquiry.attendance,
      leadersToTrain: inquiry.leadersToTrain,
      subject: inquiry.subject,
      message: inquiry.message,
      received: when(inquiry.createdAt),
    },
    events: inquiry.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      body: e.body,
      from: e.kind === 'status' && e.fromValue ? t(`inquiries.status_${e.fromValue}`) : null,
      to: e.kind === 'status' && e.toValue ? t(`inquiries.status_${e.toValue}`) : e.kind === 'assigned' && e.toValue ? (names.get(e.toValue) ?? t('inquiriesInbox.nobody')) : null,
      outboxMessageId: e.outboxMessageId,
      actor: e.actor,
      at: when(e.at),
    })),
  };
}

type Intent = 'status' | 'assign' | 'note' | 'reply';

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'inquiries:manage');
  requireIds(params.inquiryId);
  const { db, jobs, publicUrl } = services(context);
  // Another organization's inquiry is not found, whatever the form says.
  const inquiry = await load(db, org.id, params.inquiryId);
  const formData = await request.formData().catch(() => new FormData());
  const rawIntent = String(formData.get('intent') ?? '');
  const intent: Intent = rawIntent === 'assign' || rawIntent === 'note' || rawIntent === 'reply' ? rawIntent : 'status';
  const schema = { status: statusSchema, assign: assignSchema, note: noteSchema, reply: replySchema }[intent];
  const parsed = parseForm(schema, formData);
  const answer = (status: number, body: { errors?: Record<string, string>; alert?: string; done?: string }) =>
    data({ intent, errors: body.errors ?? {}, values: parsed.values, alert: body.alert, done: body.done }, { status });
  if (!parsed.ok) return answer(400, { errors: parsed.errors, alert: t('form.fixErrors') });
  const base = { organizationId: org.id, inquiryId: params.inquiryId };
  try {
    const v = parsed.data;
    if (v.intent === 'status') {
      const { changed } = await changeInquiryStatus(db, { ...base, status: v.status }, actor);
      return answer(200, { done: changed ? t('inquiriesInbox.statusSaved') : t('inquiriesInbox.statusUnchanged', { status: t(`inquiries.status_${v.status}`) }) });
    }
    if (v.intent === 'assign') {
      await assignInquiry(db, { ...base, assigneeUserId: v.assigneeUserId || null }, actor);
      return answer(200, { done: t('inquiriesInbox.assigneeSaved') });
    }
    if (v.intent === 'note') {
      await addInquiryNote(db, { ...base, body: v.note }, actor);
      return answer(200, { done: t('inquiriesInbox.noteSaved') });
    }
    const { emailIds } = await replyToInquiry(db, { ...base, body: v.reply }, { ...actor, userId: actor.userId }, { publicUrl });
    await jobs.deliverEmails(emailIds);
    return answer(200, { done: t('inquiriesInbox.replySent', { email: inquiry.requesterEmail }) });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'INQUIRY_NOT_FOUND') throw data(null, { status: 404 });
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    return answer(409, { errors, alert: errorMessage(error.code) });
  }
}

export default function InquiryPage({ loaderData }: Route.ComponentProps) {
  const { slug, inquiry, events, staff } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const mine = (intent: Intent) => actionData?.intent === intent;
  const kept = (intent: Intent, name: string) => (mine(intent) && Object.keys(errors).length > 0 ? actionData?.values[name] : undefined);
  const kind = t(`inquiries.kind_${inquiry.kind}`);
  const title = t('inquiriesInbox.detailTitle', { kind, name: inquiry.requesterName });
  const facts: [string, string | null][] = [
    [t('inquiriesInbox.requesterEmail'), inquiry.requesterEmail],
    [t('inquiriesInbox.requesterPhone'), inquiry.requesterPhone],
    [inquiry.kind === 'intensive_on_the_road' ? t('inquiriesInbox.hostOrganization') : t('inquiriesInbox.groupName'), inquiry.groupName],
    [t('inquiriesInbox.speakerFormat'), inquiry.speakerFormat ? t(`inquiries.format_${inquiry.speakerFormat}`) : null],
    [t('inquiriesInbox.audience'), inquiry.audience],
    [t('inquiriesInbox.audienceSize'), inquiry.audienceSize === null ? null : String(inquiry.audienceSize)],
    [t('inquiriesInbox.leadersToTrain'), inquiry.leadersToTrain === null ? null : String(inquiry.leadersToTrain)],
    [t('inquiriesInbox.attendance'), inquiry.attendance ? t(`inquiries.attendance_${inquiry.attendance}`) : null],
    [t('inquiriesInbox.location'), inquiry.location],
    [t('inquiriesInbox.preferredDates'), inquiry.preferredDates],
    [t('inquiriesInbox.subject'), inquiry.subject],
    [t('inquiriesInbox.received'), inquiry.received],
  ];
  return (
    <main id="main">
      <title>{title}</title>
      <p>
        <Link to={`/o/${slug}/admin/inquiries`}>{t('inquiriesInbox.back')}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        {t('inquiriesInbox.status')}: <strong>{t(`inquiries.status_${inquiry.status}`)}</strong> · {t('inquiriesInbox.assignee')}: <strong>{inquiry.assigneeName ?? t('inquiriesInbox.nobody')}</strong>
      </p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ status: t('inquiriesInbox.changeStatus'), assigneeUserId: t('inquiriesInbox.assign'), note: t('inquiriesInbox.note'), reply: t('inquiriesInbox.reply', { name: inquiry.requesterName }) }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <section aria-labelledby="inquiry-request">
        <h2 id="inquiry-request">{t('inquiriesInbox.request')}</h2>
        <dl className="facts">
          {facts
            .filter(([, value]) => value !== null && value !== '')
            .map(([label, value]) => (
              <div key={label} className="contents">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        <h3>{t('inquiriesInbox.message')}</h3>
        {inquiry.message ? <Paragraphs text={inquiry.message} /> : <p className="muted">{t('inquiriesInbox.noMessage')}</p>}
      </section>
      <section aria-labelledby="inquiry-handle">
        <h2 id="inquiry-handle">{t('inquiriesInbox.handle')}</h2>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="status" />
          <SelectField
            name="status"
            label={t('inquiriesInbox.changeStatus')}
            defaultValue={kept('status', 'status') ?? inquiry.status}
            options={INQUIRY_STATUSES.map((s) => ({ value: s, label: t(`inquiries.status_${s}`) }))}
            error={mine('status') ? errors.status : undefined}
          />
          <button type="submit" className="secondary" disabled={busy}>
            {t('inquiriesInbox.saveStatus')}
          </button>
        </Form>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="assign" />
          <SelectField
            name="assigneeUserId"
            label={t('inquiriesInbox.assign')}
            defaultValue={kept('assign', 'assigneeUserId') ?? inquiry.assigneeUserId ?? ''}
            options={[{ value: '', label: t('inquiriesInbox.nobody') }, ...staff]}
            error={mine('assign') ? errors.assigneeUserId : undefined}
          />
          <button type="submit" className="secondary" disabled={busy}>
            {t('inquiriesInbox.saveAssignee')}
          </button>
        </Form>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="reply" />
          <TextAreaField
            name="reply"
            label={t('inquiriesInbox.reply', { name: inquiry.requesterName })}
            hint={t('inquiriesInbox.replyHint', { email: inquiry.requesterEmail })}
            rows={6}
            defaultValue={kept('reply', 'reply')}
            error={mine('reply') ? errors.reply : undefined}
          />
          <div>
            <button type="submit" disabled={busy}>
              {t('inquiriesInbox.sendReply')}
            </button>
          </div>
        </Form>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="note" />
          <TextAreaField name="note" label={t('inquiriesInbox.note')} hint={t('inquiriesInbox.noteHint')} rows={3} defaultValue={kept('note', 'note')} error={mine('note') ? errors.note : undefined} />
          <div>
            <button type="submit" className="secondary" disabled={busy}>
              {t('inquiriesInbox.addNote')}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="inquiry-timeline">
        <h2 id="inquiry-timeline">{t('inquiriesInbox.timeline')}</h2>
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.id}>
              <p>
                <strong>
                  {e.kind === 'status'
                    ? t('inquiriesInbox.event_status', { from: e.from, to: e.to })
                    : e.kind === 'assigned'
                      ? e.to
                        ? t('inquiriesInbox.event_assigned', { to: e.to })
                        : t('inquiriesInbox.event_unassigned')
                      : t(`inquiriesInbox.event_${e.kind}`)}
                </strong>{' '}
                <span className="muted">
                  {e.at} · {e.actor ? t('inquiriesInbox.by', { name: e.actor }) : t('inquiriesInbox.byRequester')}
                </span>
                {e.outboxMessageId && loaderData.canOutbox ? (
                  <>
                    {' '}
                    · <Link to={`/o/${slug}/admin/outbox/${e.outboxMessageId}`}>{t('inquiriesInbox.viewMail')}</Link>
                  </>
                ) : null}
              </p>
              {e.body ? <Paragraphs text={e.body} /> : null}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

/** Text as typed: blank lines part paragraphs, single newlines break lines (no inline styles under the CSP). */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((paragraph, i) => (
          <p key={i}>
            {paragraph.split('\n').map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </Fragment>
            ))}
          </p>
        ))}
    </>
  );
}
