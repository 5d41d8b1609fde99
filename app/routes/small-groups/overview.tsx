// The director's small groups of one course: run the optimizer and watch its progress (the
// runner's best-so-far, polled every second), use its result, see a card per group with its
// members, leaders, mix and diversity, move a person with a keyboard-usable form (the score and
// broken rules are recomputed at once), place late changes, publish, and download rosters.
import { useEffect, useRef } from 'react';
import { data, type ShouldRevalidateFunctionArgs, Form, Link, useActionData, useFetcher, useNavigation, useRevalidator } from 'react-router';
import { z } from 'zod';
import { CheckboxField } from '#app/components/choices.tsx';
import { Field } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { services } from '#app/lib/guards.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { loadCourseGroups } from '#domain/small-groups/course-groups.server.ts';
import { applyOptimizerRun, moveParticipant, placeLateChanges, unpinParticipant } from '#domain/small-groups/membership.server.ts';
import { DEFAULT_TIME_LIMIT_MS } from '#domain/small-groups/limits.ts';
import { findLatestRun, requestOptimizerRun, requestRunStop } from '#domain/small-groups/optimizer-runs.server.ts';
import { publishSmallGroups } from '#domain/small-groups/publish.server.ts';
import { summarizeGroups } from '#domain/small-groups/summarize.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { domainErrorData, requireSmallGroupsCourse } from './access.server.ts';
import { SmallGroupsNav } from './nav.tsx';
import type { Route } from './+types/overview.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const version = z.coerce.number().int().min(0);
const schemas = {
  run: z.object({ intent: z.literal('run'), mode: z.enum(['fresh', 'reoptimize']), timeLimit: z.coerce.number().int().min(1).max(300) }),
  stop: z.object({ intent: z.literal('stop'), runId: uuid }),
  apply: z.object({ intent: z.literal('apply'), runId: uuid, version }),
  move: z.object({ intent: z.literal('move'), registrationId: uuid, groupId: uuid, version }),
  unpin: z.object({ intent: z.literal('unpin'), registrationId: uuid, version }),
  late: z.object({ intent: z.literal('late'), version }),
  publish: z.object({ intent: z.literal('publish'), version, confirm: z.literal('yes', { error: () => t('form.mustAgree') }) }),
};

const score = (value: number | null | undefined) => (value === null || value === undefined ? t('smallGroups.noScoreYet') : value.toFixed(2));

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course, courseBase, base } = await requireSmallGroupsCourse(request, context, params);
  const db = services(context).db;
  const state = await loadCourseGroups(db, org.id, course.id);
  const summary = summarizeGroups(state);
  const run = await findLatestRun(db, org.id, course.id);
  const person = (p: (typeof summary.unplaced)[number] & { pinned?: boolean }) => ({
    id: p.registrationId,
    name: p.name,
    profession: p.profession,
    institution: p.institution,
    region: p.region,
    experience: p.experience ? t(`smallGroups.experience_${p.experience}`) : '',
    coLeader: p.coLeaderCandidate,
    pinned: p.pinned ?? false,
  });
  return data(
    {
      course: { id: course.id, title: course.title },
      courseBase,
      base,
      version: state.plan.version,
      publishedAt: state.plan.publishedAt?.toISOString() ?? null,
      plan: { minSize: state.plan.minSize, maxSize: state.plan.maxSize },
      participants: state.participants.length,
      groups: summary.cards.map((c) => ({
        id: c.id,
        name: c.name,
        room: c.room,
        leaders: c.leaders.map((l) => (l.credentials ? `${l.name}, ${l.credentials}` : l.name)),
        diversity: c.diversity,
        mix: c.mix,
        weak: c.weak,
        members: c.members.map(person),
      })),
      unplaced: summary.unplaced.map((p) => person(p)),
      noLongerRegistered: state.members.filter((m) => !state.participants.some((p) => p.registrationId === m.registrationId)).length,
      score: summary.score,
      violations: summary.violations,
      run: run
        ? {
            id: run.id,
            status: run.status,
            elapsedMs: run.elapsedMs,
            timeLimitMs: run.timeLimitMs,
            iterations: run.iterations,
            bestScore: run.bestScore ?? null,
            hasResult: run.bestAssignment !== null && run.status !== 'running',
            message: run.message,
            stopRequested: run.stopRequested,
          }
        : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, course } = await requireSmallGroupsCourse(request, context, params);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '') as keyof typeof schemas;
  // Own keys only: an intent of `__proto__` or `constructor` names no form (found by the fuzzing figure: it was a 500).
  const schema = Object.hasOwn(schemas, intent) ? schemas[intent] : undefined;
  if (!schema) return data({ ok: false as const, errors: {}, alert: t('form.fixErrors'), notice: undefined, code: 'INTENT' }, { status: 400 });
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, alert: t('form.fixErrors'), notice: undefined, code: 'FORM' }, { status: 400 });
  const { db, jobs, publicUrl, groupingRunner } = services(context);
  const base = { organizationId: org.id, courseId: course.id };
  const notify = { publicUrl };
  const done = (notice: string) => ({ ok: true as const, errors: {}, alert: undefined, notice, code: undefined });
  try {
    const input = parsed.data;
    switch (input.intent) {
      case 'run': {
        const run = await requestOptimizerRun(db, { ...base, timeLimitMs: input.timeLimit * 1000, mode: input.mode }, actor);
        groupingRunner.start(run.id, input.mode);
        return done(t('smallGroups.runStarted'));
      }
      case 'stop':
        await requestRunStop(db, { ...base, runId: input.runId }, actor);
        return done(t('smallGroups.stopRequested'));
      case 'apply': {
        const result = await applyOptimizerRun(db, { ...base, runId: input.runId, version: input.version }, actor, notify);
        await jobs.deliverEmails(result.emailIds);
        return done(t('smallGroups.applied', { count: result.changed.length }));
      }
      case 'move': {
        const result = await moveParticipant(db, { ...base, registrationId: input.registrationId, smallGroupId: input.groupId, version: input.version }, actor, notify);
        await jobs.deliverEmails(result.emailIds);
        const state = await loadCourseGroups(db, org.id, course.id);
        const name = state.participants.find((p) => p.registrationId === input.registrationId)?.name ?? '';
        const group = state.groups.find((g) => g.id === input.groupId)?.name ?? '';
        return done(t('smallGroups.moved', { name, group }));
      }
      case 'unpin': {
        await unpinParticipant(db, { ...base, registrationId: input.registrationId, version: input.version }, actor);
        const state = await loadCourseGroups(db, org.id, course.id);
        return done(t('smallGroups.unpinned', { name: state.participants.find((p) => p.registrationId === input.registrationId)?.name ?? '' }));
      }
      case 'late': {
        const result = await placeLateChanges(db, { ...base, version: input.version }, actor, notify);
        await jobs.deliverEmails(result.emailIds);
        const moved = result.changed.filter((id) => !result.placed.includes(id)).length;
        const words = t('smallGroups.latePlaced', { placed: result.placed.length, moved, removed: result.removed.length, emails: result.emailIds.length });
        return result.infeasible ? done(`${words} ${t('smallGroups.infeasibleIntro')} ${result.infeasible.join('; ')}`) : done(words);
      }
      case 'publish': {
        const result = await publishSmallGroups(db, { ...base, version: input.version }, actor, notify);
        await jobs.deliverEmails(result.emailIds);
        return done(t('smallGroups.publishedDone', { count: result.emailIds.length }));
      }
    }
  } catch (error) {
    return domainErrorData(error);
  }
}

type Progress = { id: string; status: string; elapsedMs: number; timeLimitMs: number; iterations: number; bestScore: number | null; stopRequested: boolean } | null;

function progressWords(run: NonNullable<Progress>): string {
  return t('smallGroups.progress', {
    status: t(`smallGroups.status_${run.status}`),
    elapsed: (run.elapsedMs / 1000).toFixed(1),
    limit: Math.round(run.timeLimitMs / 1000),
    iterations: run.iterations,
    score: score(run.bestScore),
  });
}

function MoveControl({ person, groups, currentGroupId, version }: { person: { id: string; name: string }; groups: { id: string; name: string }[]; currentGroupId: string | null; version: number }) {
  const others = groups.filter((g) => g.id !== currentGroupId);
  const selectId = `move-${person.id}`;
  return (
    <Form method="post" className="inline-form move-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="registrationId" value={person.id} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={selectId} className="visually-hidden">
        {t('smallGroups.moveTo', { name: person.name })}
      </label>
      <select id={selectId} name="groupId" defaultValue={others[0]?.id}>
        {others.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" aria-label={`${t('smallGroups.move')}: ${person.name}`}>
        {t('smallGroups.move')}
      </button>
    </Form>
  );
}

function Mix({ title, counts }: { title: string; counts: Record<string, number> }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <p>
      <strong>{title}:</strong> {entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : '—'}
    </p>
  );
}

/**
 * After any change the groups are read again, a refused one included: a change refused because
 * someone else changed the plan (or started a run) meanwhile shows the current state, as it says.
 */
export function shouldRevalidate({ formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return formMethod === 'POST' ? true : defaultShouldRevalidate;
}

export default function SmallGroupsOverview({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const progress = useFetcher<Progress>();
  const revalidator = useRevalidator();
  const d = loaderData;
  const live: Progress = progress.data !== undefined && progress.data?.id === d.run?.id ? progress.data : d.run;
  const running = live?.status === 'running';
  const wasRunning = useRef(running);
  // While a run is running, ask for its best-so-far every second; when it ends, reload the page's data.
  const fetcherRef = useRef(progress);
  fetcherRef.current = progress;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (fetcherRef.current.state === 'idle') void fetcherRef.current.load(`${d.base}/progress`);
    }, 1000);
    return () => clearInterval(timer);
  }, [running, d.base]);
  useEffect(() => {
    if (wasRunning.current && !running && revalidator.state === 'idle') void revalidator.revalidate();
    wasRunning.current = running;
  }, [running, revalidator]);
  const groupChoices = d.groups.map((g) => ({ id: g.id, name: g.name }));
  const heading = t('smallGroups.heading', { course: d.course.title });
  return (
    <main id="main">
      <title>{heading}</title>
      <h1>{heading}</h1>
      <CourseNav base={d.courseBase} title={d.course.title} />
      <SmallGroupsNav base={d.base} />
      <ErrorSummary message={actionData?.ok === false ? actionData.alert : undefined} errors={actionData?.errors ?? {}} labels={{ confirm: t('smallGroups.publishConfirm'), timeLimit: t('smallGroups.timeLimit') }} attempt={actionData} />
      {actionData?.ok ? (
        <div className="notice success" role="status">
          <p>{actionData.notice}</p>
        </div>
      ) : null}
      <p>{t('smallGroups.intro')}</p>
      <p>
        {t('smallGroups.counts', { participants: d.participants, groups: d.groups.length, min: d.plan.minSize, max: d.plan.maxSize })}{' '}
        {d.publishedAt ? t('smallGroups.published', { when: formatDate(d.publishedAt.slice(0, 10)) }) : t('smallGroups.draft')}
      </p>
      {d.groups.length === 0 ? (
        <p>
          <Link to={`${d.base}/settings`}>{t('smallGroups.noGroups')}</Link>
        </p>
      ) : null}
      {d.participants === 0 ? <p>{t('smallGroups.noParticipants')}</p> : null}

      <section aria-labelledby="optimizer-heading">
        <h2 id="optimizer-heading">{t('smallGroups.optimizer')}</h2>
        <div role="status" aria-live="polite" className="notice" data-testid="optimizer-status">
          <p>{live ? progressWords(live) : t('smallGroups.statusIdle')}</p>
          {!running && d.run?.status === 'infeasible' && d.run.message ? (
            <>
              <p>{t('smallGroups.infeasibleIntro')}</p>
              <ul>
                {d.run.message.split('\n').map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
          {!running && d.run?.status === 'failed' && d.run.message ? <p>{d.run.message}</p> : null}
        </div>
        {running && live ? (
          <Form method="post">
            <input type="hidden" name="intent" value="stop" />
            <input type="hidden" name="runId" value={live.id} />
            <button type="submit" disabled={busy || live.stopRequested}>
              {t('smallGroups.stop')}
            </button>
          </Form>
        ) : (
          <Form method="post" className="stack">
            <Field name="timeLimit" label={t('smallGroups.timeLimit')} type="number" defaultValue={String(DEFAULT_TIME_LIMIT_MS / 1000)} error={actionData?.errors && 'timeLimit' in actionData.errors ? String(actionData.errors.timeLimit) : undefined} />
            <input type="hidden" name="intent" value="run" />
            <div>
              <button type="submit" name="mode" value="fresh" disabled={busy || d.groups.length === 0 || d.participants === 0}>
                {t('smallGroups.runFresh')}
              </button>{' '}
              <button type="submit" name="mode" value="reoptimize" disabled={busy || d.groups.length === 0 || d.participants === 0}>
                {t('smallGroups.runReoptimize')}
              </button>
            </div>
          </Form>
        )}
        {!running && d.run?.hasResult ? (
          <Form method="post">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="runId" value={d.run.id} />
            <input type="hidden" name="version" value={d.version} />
            <button type="submit" disabled={busy}>
              {t('smallGroups.apply')}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="result-heading">
        <h2 id="result-heading">{t('smallGroups.scoreTotal', { score: d.score.toFixed(2) })}</h2>
        <h3>{t('smallGroups.brokenRules')}</h3>
        {d.violations.length ? (
          <ul data-testid="broken-rules">
            {d.violations.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="broken-rules">{t('smallGroups.noBrokenRules')}</p>
        )}
        {d.unplaced.length ? (
          <>
            <h3>{t('smallGroups.unplacedHeading')}</h3>
            <ul>
              {d.unplaced.map((p) => (
                <li key={p.id}>
                  {p.name} ({[p.profession, p.institution].filter(Boolean).join(', ')}) <MoveControl person={p} groups={groupChoices} currentGroupId={null} version={d.version} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <ul className="card-list">
          {d.groups.map((g) => (
            <li key={g.id} className="card">
              <section aria-labelledby={`group-${g.id}`}>
                <h3 id={`group-${g.id}`}>{g.name}</h3>
                <p>{g.room ? t('smallGroups.room', { room: g.room }) : t('smallGroups.noRoom')}</p>
                <p>
                  <strong>{t('smallGroups.leaders')}:</strong> {g.leaders.length ? g.leaders.join('; ') : t('smallGroups.noLeaders')}
                </p>
                <p>
                  <strong>{t('smallGroups.score')}:</strong> <span data-testid="group-score">{g.diversity.toFixed(2)}</span>
                </p>
                <Mix title={t('smallGroups.mixProfession')} counts={g.mix.profession} />
                <Mix title={t('smallGroups.mixExperience')} counts={g.mix.experience} />
                <Mix title={t('smallGroups.mixRegion')} counts={g.mix.region} />
                {g.weak.length ? (
                  <ul>
                    {g.weak.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                ) : null}
                <h4>
                  {t('smallGroups.members')} ({g.members.length})
                </h4>
                <ul className="members">
                  {g.members.map((p) => (
                    <li key={p.id}>
                      <span>
                        {p.name}
                        {p.pinned ? ` (${t('smallGroups.pinned')})` : ''}
                      </span>
                      <br />
                      <small>{[p.profession, p.institution, p.region, p.experience, p.coLeader ? t('smallGroups.coLeaderCandidates') : ''].filter(Boolean).join(' · ')}</small>
                      <br />
                      <MoveControl person={p} groups={groupChoices} currentGroupId={g.id} version={d.version} />
                      {p.pinned ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="unpin" />
                          <input type="hidden" name="registrationId" value={p.id} />
                          <input type="hidden" name="version" value={d.version} />{' '}
                          <button type="submit">{t('smallGroups.unpin', { name: p.name })}</button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="late-heading">
        <h2 id="late-heading">{t('smallGroups.lateChanges')}</h2>
        <p>{t('smallGroups.lateChangesIntro')}</p>
        {d.noLongerRegistered > 0 || (d.publishedAt && d.unplaced.length > 0) ? (
          <p>
            <strong>{t('smallGroups.latePending', { left: d.noLongerRegistered, waiting: d.unplaced.length })}</strong>
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="late" />
          <input type="hidden" name="version" value={d.version} />
          <button type="submit" disabled={busy || d.groups.length === 0}>
            {t('smallGroups.placeLateChanges')}
          </button>
        </Form>
      </section>

      {d.publishedAt ? null : (
        <section aria-labelledby="publish-heading">
          <h2 id="publish-heading">{t('smallGroups.publish')}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="version" value={d.version} />
            <CheckboxField name="confirm" value="yes" label={t('smallGroups.publishConfirm')} error={actionData?.errors && 'confirm' in actionData.errors ? String(actionData.errors.confirm) : undefined} />
            <div>
              <button type="submit" disabled={busy}>
                {t('smallGroups.publish')}
              </button>
            </div>
          </Form>
        </section>
      )}

      <section aria-labelledby="rosters-heading">
        <h2 id="rosters-heading">{t('smallGroups.rosters')}</h2>
        <ul>
          <li>
            <a href={`${d.base}/rosters.csv`} download>
              {t('smallGroups.rosterCsv')}
            </a>
          </li>
          <li>
            <a href={`${d.base}/rosters.pdf`} download>
              {t('smallGroups.rosterPdf')}
            </a>
          </li>
        </ul>
      </section>
    </main>
  );
}
