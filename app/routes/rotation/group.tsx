// One small group's rotation: who presents and who practises leading in each session. Shown to
// the group's members; its faculty and the course's staff change a session's turns. The plan
// records who presents, never what: the form has no text field, and says so.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { FormAlert } from '#app/components/field.tsx';
import { SelectField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { isUuid } from '#lib/ids.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getGroupRotation, rotationAccess, setSessionTurns } from '#domain/rotation/rotation.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/group.ts';

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params'], need: 'view' | 'edit') {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  const access = isUuid(params.groupId) ? await rotationAccess(db, { organizationId: org.id, groupId: params.groupId, userId: user.id, roles: await findRoles(db, org.id, user.id) }) : null;
  // Changing the plan is for the group's faculty and the course's staff; anyone else may not.
  if (need === 'edit' && access !== 'edit') throw data(null, { status: 403 });
  // Someone outside the group: as if it did not exist.
  if (!access) throw data(null, { status: 404 });
  try {
    return { org, user, access, plan: await getGroupRotation(db, { organizationId: org.id, groupId: params.groupId }) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SMALL_GROUP_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { access, plan } = await load(request, context, params, 'view');
  const name = new Map(plan.members.map((m) => [m.registrationId, m.name]));
  const names = (ids: string[]) => ids.map((id) => name.get(id) ?? '').filter(Boolean);
  return {
    editable: access === 'edit',
    group: { name: plan.group.name, room: plan.group.room, course: plan.group.courseTitle },
    faculty: plan.faculty,
    members: plan.members.map((m) => ({ id: m.registrationId, name: m.name, willing: m.willingToPresent, candidate: m.coLeaderCandidate })),
    sessions: plan.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: formatInstant(s.startsAt, plan.group.timeZone),
      edited: s.edited,
      presenters: s.presenters,
      leaders: s.leaders,
      coLeaders: s.coLeaders,
      presenterNames: names(s.presenters),
      leaderNames: names(s.leaders),
      coLeaderNames: names(s.coLeaders),
    })),
  };
}

const pick = z.string().trim().default('');
const editSchema = z.object({ sessionId: z.uuid(), presenter: pick, leader1: pick, leader2: pick, coLeader: pick });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user } = await load(request, context, params, 'edit');
  const parsed = editSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ sessionId: '', alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  const f = parsed.data;
  const one = (v: string) => (v ? [v] : []);
  try {
    await setSessionTurns(
      services(context).db,
      { organizationId: org.id, groupId: params.groupId, sessionId: f.sessionId, presenters: one(f.presenter), leaders: [...one(f.leader1), ...one(f.leader2)], coLeaders: one(f.coLeader) },
      { userId: user.id, requestId: services(context).requestId },
    );
  } catch (error) {
    if (error instanceof DomainError) return data({ sessionId: f.sessionId, alert: errorMessage(error.code), done: undefined }, { status: 409 });
    throw error;
  }
  return { sessionId: f.sessionId, alert: undefined, done: t('rotation.saved') };
}

export default function GroupRotation({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { group, sessions, members, editable } = loaderData;
  const options = [{ value: '', label: t('rotation.none') }, ...members.map((m) => ({ value: m.id, label: m.name }))];
  const list = (names: string[]) => (names.length ? names.join(', ') : t('rotation.nobody'));
  return (
    <main id="main" className="page">
      <title>{t('rotation.title', { group: group.name })}</title>
      <h1>{t('rotation.title', { group: group.name })}</h1>
      <p className="muted">
        {group.course}
        {group.room ? ` · ${group.room}` : ''}
        {loaderData.faculty.length ? ` · ${loaderData.faculty.join(', ')}` : ''}
      </p>
      <ErrorSummary message={actionData?.alert} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <p>{t('rotation.intro')}</p>
      {editable ? <p className="notice">{t('rotation.confidential')}</p> : null}
      {sessions.every((s) => !s.presenters.length && !s.leaders.length && !s.coLeaders.length) ? <p>{t('rotation.notYet')}</p> : null}
      <ol className="card-list rotation">
        {sessions.map((s) => (
          <li key={s.id} className="card">
            <h2>{s.title}</h2>
            <p className="muted">
              {s.when}
              {s.edited ? ` · ${t('rotation.edited')}` : ''}
            </p>
            <dl className="facts">
              <dt>{t('rotation.presenter')}</dt>
              <dd>{list(s.presenterNames)}</dd>
              <dt>{t('rotation.leaders')}</dt>
              <dd>{list(s.leaderNames)}</dd>
              <dt>{t('rotation.coLeader')}</dt>
              <dd>{list(s.coLeaderNames)}</dd>
            </dl>
            {editable ? (
              <details open={actionData?.sessionId === s.id && !!actionData.alert}>
                <summary>{t('rotation.edit')}</summary>
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="sessionId" value={s.id} />
                  <p className="hint">{t('rotation.confidential')}</p>
                  <SelectField name="presenter" label={t('rotation.presenter')} options={options} defaultValue={s.presenters[0] ?? ''} />
                  <SelectField name="leader1" label={t('rotation.leaderChoice', { n: 1 })} options={options} defaultValue={s.leaders[0] ?? ''} />
                  <SelectField name="leader2" label={t('rotation.leaderChoice', { n: 2 })} options={options} defaultValue={s.leaders[1] ?? ''} />
                  <SelectField name="coLeader" label={t('rotation.coLeader')} options={options} defaultValue={s.coLeaders[0] ?? ''} />
                  <div>
                    <button type="submit" disabled={busy}>
                      {t('rotation.save')}
                    </button>
                  </div>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      <h2>{t('rotation.members')}</h2>
      <ul>
        {members.map((m) => (
          <li key={m.id}>
            {m.name}
            {m.willing ? <span className="muted"> · {t('rotation.willing')}</span> : null}
            {m.candidate ? <span className="muted"> · {t('rotation.candidate')}</span> : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
