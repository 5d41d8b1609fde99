// Taking attendance at one session, on a phone: the roster (faculty: their group; staff: a
// group or everyone) with present, late by N, left early by N and absent for each person.
// With JavaScript, a mark is kept in IndexedDB at once and sent to the sync endpoint when the
// network allows (each mark under its own id, so a replay never doubles it); a service worker
// keeps the page and the roster for when the venue's network fails. Without JavaScript each
// person's form posts here. ADR 0056.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { data, Form, useActionData, useRevalidator } from 'react-router';
import { z } from 'zod';
import { fieldAnchor } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { isUuid } from '#lib/ids.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { getAttendanceAccess, takesAttendance } from '#domain/attendance/access.server.ts';
import { findSessionRoster } from '#domain/attendance/find-roster.server.ts';
import { MarkBatchRejected, recordMarks } from '#domain/attendance/record-marks.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { deviceId, enqueue, queued, remove, type QueuedMark } from './mark-queue.ts';
import { statusText } from './status-text.ts';
import type { Route } from './+types/session.ts';

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  const access = await getAttendanceAccess(db, { organizationId: org.id, userId: user.id, roles: await findRoles(db, org.id, user.id) });
  if (!takesAttendance(access)) throw data(null, { status: 403 });
  // Faculty are refused any session that is not one of their groups' (whether or not it
  // exists); staff are told a session that is not the organization's does not exist.
  const notFound = access.staff ? 404 : 403;
  if (!isUuid(params.sessionId)) throw data(null, { status: notFound });
  const group = new URL(request.url).searchParams.get('group');
  try {
    const roster = await findSessionRoster(db, { organizationId: org.id, sessionId: params.sessionId, access, groupId: group && group !== 'all' ? group : null });
    return { org, user, access, roster };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SESSION_NOT_FOUND') throw data(null, { status: notFound });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, access, roster } = await load(request, context, params);
  const zone = roster.course.timeZone;
  return {
    slug: org.slug,
    // The queue on the device is per person: marks made by someone else wait for them.
    userId: access.userId,
    staff: access.staff,
    course: roster.course.title,
    session: { id: roster.session.id, title: roster.session.title, when: formatInstant(roster.session.startsAt, zone), lengthMinutes: roster.session.lengthMinutes },
    groups: roster.groups,
    groupId: roster.groupId,
    people: roster.people.map((p) => ({
      registrationId: p.registrationId,
      name: p.name,
      groupName: p.groupName,
      // A fresh id for each person's form: the same form sent twice (a double tap, a resend) is one mark.
      formMarkId: crypto.randomUUID(),
      attendance: p.attendance
        ? { status: p.attendance.status, lateMinutes: p.attendance.lateMinutes, leftEarlyMinutes: p.attendance.leftEarlyMinutes, version: p.attendance.version, by: p.attendance.markedByName, when: formatInstant(p.attendance.markedAt, zone) }
        : null,
      conflict: p.conflict ? { text: statusText(p.conflict), by: p.conflict.markedByName, when: formatInstant(p.conflict.markedAt, zone) } : null,
    })),
  };
}

const minutes = z.coerce.number<string>({ message: 'INVALID' }).int({ message: 'INVALID' }).min(0, { message: 'INVALID' });
const formSchema = z.object({
  registrationId: z.uuid(),
  markId: z.uuid(),
  baseVersion: z.coerce.number<string>().int().min(0),
  status: z.enum(['present', 'absent']),
  lateMinutes: z.preprocess((v) => (v === '' || v === undefined ? '0' : v), minutes),
  leftEarlyMinutes: z.preprocess((v) => (v === '' || v === undefined ? '0' : v), minutes),
});

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, access, roster } = await load(request, context, params);
  const form = Object.fromEntries(await request.formData());
  const registrationId = String(form.registrationId ?? '');
  const person = roster.people.find((p) => p.registrationId === registrationId);
  // Nobody of this roster named: nothing to mark (a form sent without its person).
  if (!person) return data({ registrationId, errors: {} as Record<string, string>, alert: t('attendanceErrors.notParticipant'), saved: undefined }, { status: 400 });
  const max = roster.session.lengthMinutes;
  const parsed = formSchema.safeParse(form);
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field === 'lateMinutes' || field === 'leftEarlyMinutes') fieldErrors[field] = t('attendance.minutesInvalid', { max });
    }
    return data({ registrationId, errors: fieldErrors, alert: Object.keys(fieldErrors).length ? undefined : t('form.fixErrors'), saved: undefined }, { status: 400 });
  }
  const { db, requestId, publicUrl, jobs } = services(context);
  try {
    const { emailIds } = await recordMarks(
      db,
      {
        organizationId: org.id,
        publicUrl,
        marks: [
          {
            id: parsed.data.markId,
            sessionId: roster.session.id,
            registrationId,
            status: parsed.data.status,
            lateMinutes: parsed.data.lateMinutes,
            leftEarlyMinutes: parsed.data.leftEarlyMinutes,
            markedAt: new Date().toISOString(),
            baseVersion: parsed.data.baseVersion,
          },
        ],
      },
      access,
      { userId: access.userId, requestId },
    );
    await jobs.deliverEmails(emailIds);
  } catch (error) {
    if (error instanceof MarkBatchRejected) {
      const problem = error.problems[0]!;
      if (problem.code === 'ATTENDANCE_MINUTES_OUT_OF_RANGE') {
        const message = t('attendance.minutesInvalid', { max });
        return data({ registrationId, errors: { lateMinutes: message, leftEarlyMinutes: message }, alert: errorMessage(problem.code), saved: undefined }, { status: 400 });
      }
      return data({ registrationId, errors: {}, alert: errorMessage(problem.code), saved: undefined }, { status: error.status });
    }
    if (error instanceof DomainError) return data({ registrationId, errors: {}, alert: errorMessage(error.code), saved: undefined }, { status: 409 });
    throw error;
  }
  return { registrationId, errors: {} as Record<string, string>, alert: undefined, saved: t('attendance.saved', { name: person.name }) };
}

type Person = Route.ComponentProps['loaderData']['people'][number];
interface LocalMark {
  status: 'present' | 'absent';
  lateMinutes: number;
  leftEarlyMinutes: number;
}

const RETRY_MS = 15_000;

export default function TakeAttendance({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const { slug, session, people } = loaderData;
  const [pending, setPending] = useState<QueuedMark[]>([]);
  const [status, setStatus] = useState('');
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [scripted, setScripted] = useState(false);
  const syncing = useRef(false);
  // Asked to sync while a sync runs (the network came back while an attempt was failing): the
  // running one goes again when it ends, so that the request is not lost.
  const syncAgain = useRef(false);
  // Consecutive attempts that did not reach the server while the device says it is online (the
  // network just came back, or the server is away): retried sooner than RETRY_MS, backing off.
  const unreached = useRef(0);
  // The revalidator changes with its state; the sync loop must not restart with it.
  const revalidatorRef = useRef(revalidator);
  revalidatorRef.current = revalidator;
  const syncUrl = `/o/${slug}/attendance/sync`;
  const pendingText = (n: number) => (n > 0 ? t('attendance.pending', { count: n }) : t('attendance.allSaved'));

  const refreshPending = useCallback(async () => {
    const all = await queued(slug, loaderData.userId);
    setPending(all);
    return all;
  }, [slug, loaderData.userId]);

  const sync = useCallback(async () => {
    if (syncing.current) {
      syncAgain.current = true;
      return;
    }
    syncing.current = true;
    syncAgain.current = false;
    let sent = false;
    try {
      let all = await refreshPending();
      while (all.length > 0) {
        const batch = all.slice(0, 100);
        let response: Response;
        try {
          response = await fetch(syncUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ deviceId: deviceId(), marks: batch.map(({ org: _org, name: _name, userId: _user, ...mark }) => mark) }),
          });
        } catch {
          setStatus(`${t('attendance.offline')} ${pendingText(all.length)}`);
          if (navigator.onLine) window.setTimeout(() => void sync(), Math.min(RETRY_MS, 1_000 * 2 ** unreached.current++));
          return;
        }
        unreached.current = 0;
        if (response.ok) {
          sent = true;
          const body = (await response.json()) as { attendance: { conflictMarkId: string | null }[] };
          await remove(batch.map((m) => m.id));
          all = await refreshPending();
          const conflicts = body.attendance.filter((a) => a.conflictMarkId).length;
          setStatus([pendingText(all.length), conflicts ? t('attendance.conflicts', { count: conflicts }) : ''].filter(Boolean).join('. '));
          continue;
        }
        const problem = (await response.json().catch(() => ({}))) as { detail?: string; errors?: { markId?: string; detail: string }[] };
        const refusedIds = (problem.errors ?? []).map((e) => e.markId).filter((id): id is string => !!id);
        if ((response.status === 403 || response.status === 422) && refusedIds.length > 0) {
          // Refused marks can never be saved as they are: say so, drop them, send the rest.
          const reasons: Record<string, string> = {};
          for (const e of problem.errors ?? []) {
            const m = batch.find((b) => b.id === e.markId);
            if (m) reasons[m.registrationId] = t('attendance.refused', { name: m.name, reason: e.detail });
          }
          setRefused((r) => ({ ...r, ...reasons }));
          await remove(refusedIds);
          all = await refreshPending();
          continue;
        }
        // Signed out, busy, a server error: keep everything and try again later.
        setStatus(`${problem.detail ?? ''} ${pendingText(all.length)}`.trim());
        return;
      }
      // What the server holds now (versions, who marked, conflicts) replaces the page's data.
      if (sent) void revalidatorRef.current.revalidate();
    } finally {
      syncing.current = false;
      if (syncAgain.current) void sync();
    }
  }, [refreshPending, syncUrl]);

  // Marks made earlier (before a reload, or while offline) are sent as soon as possible, when
  // the network returns, and every few seconds while any are waiting.
  useEffect(() => {
    setScripted(true);
    void sync();
    const online = () => void sync();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => void sync(), RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [sync]);

  // The service worker keeps this page, its scripts and the roster for when the network fails.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    // No trailing slash: the scope must also hold /o/<org>/attendance itself, where the person
    // usually arrives first (a client-side navigation keeps that document).
    const scope = `/o/${slug}/attendance`;
    void navigator.serviceWorker
      .register('/attendance-sw.js', { scope })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const assets = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((url) => url.startsWith(`${location.origin}/assets/`));
        registration.active?.postMessage({ type: 'keep', urls: [location.href, ...assets] });
      })
      .catch(() => undefined);
  }, [slug]);

  async function mark(event: FormEvent<HTMLFormElement>, person: Person, base: number) {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const chosen = submitter?.value === 'absent' ? 'absent' : 'present';
    const read = (name: string) => {
      const raw = (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
      return raw === '' ? 0 : Number(raw);
    };
    const late = chosen === 'absent' ? 0 : read('lateMinutes');
    const early = chosen === 'absent' ? 0 : read('leftEarlyMinutes');
    const valid = (n: number) => Number.isInteger(n) && n >= 0 && n <= session.lengthMinutes;
    if (!valid(late) || !valid(early) || late + early > session.lengthMinutes) {
      const message = t('attendance.minutesInvalid', { max: session.lengthMinutes });
      setClientErrors((e) => ({ ...e, [person.registrationId]: message }));
      setStatus(message);
      return;
    }
    setClientErrors((e) => ({ ...e, [person.registrationId]: '' }));
    setRefused((r) => ({ ...r, [person.registrationId]: '' }));
    const queuedMark: QueuedMark = {
      id: crypto.randomUUID(),
      org: slug,
      userId: loaderData.userId,
      name: person.name,
      sessionId: session.id,
      registrationId: person.registrationId,
      status: chosen,
      lateMinutes: late,
      leftEarlyMinutes: early,
      markedAt: new Date().toISOString(),
      baseVersion: base,
    };
    await enqueue(queuedMark);
    const all = await refreshPending();
    setStatus(navigator.onLine ? t('attendance.sending') : `${t('attendance.offline')} ${pendingText(all.length)}`);
    void sync();
  }

  const errors: { lateMinutes?: string; leftEarlyMinutes?: string } = actionData?.errors ?? {};
  return (
    <main id="main" className="page attendance-page">
      <title>{t('attendance.sessionTitle', { title: session.title })}</title>
      <h1>{t('attendance.sessionTitle', { title: session.title })}</h1>
      <p className="muted">
        {loaderData.course} · {session.when}
      </p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ lateMinutes: t('attendance.lateBy'), leftEarlyMinutes: t('attendance.leftEarlyBy') }} attempt={actionData} />
      <p role="status" aria-live="polite" className="sync-status" data-pending={pending.length}>
        {actionData?.saved ?? (scripted ? status || pendingText(pending.length) : '')}
      </p>
      {loaderData.groups.length > 1 || loaderData.staff ? (
        <Form method="get" className="group-choice">
          <label htmlFor="group">{t('attendance.group')}</label>
          <select id="group" name="group" defaultValue={loaderData.groupId ?? 'all'}>
            {loaderData.staff ? <option value="all">{t('attendance.everyone')}</option> : null}
            {loaderData.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            {t('attendance.showGroup')}
          </button>
        </Form>
      ) : null}
      <h2>{t('attendance.roster')}</h2>
      {people.length === 0 ? <p>{t('attendance.emptyRoster')}</p> : null}
      <ul className="roster">
        {people.map((person) => {
          const waiting = [...pending].reverse().find((m) => m.registrationId === person.registrationId && m.sessionId === session.id);
          const current: LocalMark | null = waiting ?? person.attendance;
          const sent = actionData?.registrationId === person.registrationId;
          const lateError = sent ? errors.lateMinutes : undefined;
          const earlyError = sent ? errors.leftEarlyMinutes : undefined;
          const clientError = clientErrors[person.registrationId];
          const lateId = lateError ? fieldAnchor('lateMinutes') : `late-${person.registrationId}`;
          const earlyId = earlyError ? fieldAnchor('leftEarlyMinutes') : `early-${person.registrationId}`;
          const stateId = `state-${person.registrationId}`;
          return (
            <li key={person.registrationId} className="roster-person" data-person={person.name}>
              <Form method="post" onSubmit={(e) => void mark(e, person, person.attendance?.version ?? 0)} noValidate>
                <fieldset>
                  <legend>{person.name}</legend>
                  <p id={stateId} className="mark-state">
                    <strong data-testid="mark-state">{current ? statusText(current) : t('attendance.notMarked')}</strong>
                    {waiting ? <span className="status-badge">{t('attendance.waiting')}</span> : person.attendance ? <span className="muted"> · {t('attendance.markedBy', { name: person.attendance.by, when: person.attendance.when })}</span> : null}
                    {!loaderData.groupId && person.groupName ? <span className="muted"> · {person.groupName}</span> : null}
                  </p>
                  {person.conflict && !waiting ? (
                    <p className="conflict" role="note">
                      {t('attendance.conflict', { name: person.name, status: person.conflict.text, who: person.conflict.by, when: person.conflict.when })}
                    </p>
                  ) : null}
                  {refused[person.registrationId] ? <p className="error">{refused[person.registrationId]}</p> : null}
                  <input type="hidden" name="registrationId" value={person.registrationId} />
                  <input type="hidden" name="markId" value={person.formMarkId} />
                  <input type="hidden" name="baseVersion" value={person.attendance?.version ?? 0} />
                  <div className="minutes">
                    <div className="field">
                      <label htmlFor={lateId}>{t('attendance.lateBy')}</label>
                      <input
                        id={lateId}
                        name="lateMinutes"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={session.lengthMinutes}
                        defaultValue={person.attendance?.status === 'present' && person.attendance.lateMinutes ? String(person.attendance.lateMinutes) : ''}
                        aria-invalid={lateError || clientError ? true : undefined}
                        aria-describedby={lateError ? `${lateId}-error` : clientError ? `client-${person.registrationId}` : undefined}
                      />
                      {lateError ? (
                        <span className="error" id={`${lateId}-error`}>
                          {lateError}
                        </span>
                      ) : null}
                    </div>
                    <div className="field">
                      <label htmlFor={earlyId}>{t('attendance.leftEarlyBy')}</label>
                      <input
                        id={earlyId}
                        name="leftEarlyMinutes"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={session.lengthMinutes}
                        defaultValue={person.attendance?.status === 'present' && person.attendance.leftEarlyMinutes ? String(person.attendance.leftEarlyMinutes) : ''}
                        aria-invalid={earlyError || clientError ? true : undefined}
                        aria-describedby={earlyError ? `${earlyId}-error` : clientError ? `client-${person.registrationId}` : undefined}
                      />
                      {earlyError ? (
                        <span className="error" id={`${earlyId}-error`}>
                          {earlyError}
                        </span>
                      ) : null}
                    </div>
                  </div>
                  {clientError ? (
                    <p className="error" id={`client-${person.registrationId}`}>
                      {clientError}
                    </p>
                  ) : null}
                  <div className="mark-buttons">
                    <button type="submit" name="status" value="present" aria-label={t('attendance.markPresentFor', { name: person.name })} aria-describedby={stateId}>
                      {t('attendance.markPresent')}
                    </button>
                    <button type="submit" name="status" value="absent" className="secondary" aria-label={t('attendance.markAbsentFor', { name: person.name })} aria-describedby={stateId}>
                      {t('attendance.markAbsent')}
                    </button>
                  </div>
                </fieldset>
              </Form>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
