// The director's facts about each participant for the grouping: Balint experience, co-leader
// candidate, gender where the participant gave it. Profession and institution come from the
// application, region from the profile; nothing about patients or cases is ever recorded.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { fieldAnchor } from '#app/components/field.tsx';
import { services } from '#app/lib/guards.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { loadCourseGroups } from '#domain/small-groups/course-groups.server.ts';
import { BALINT_EXPERIENCE, isBalintExperience } from '#domain/small-groups/experience.ts';
import { saveParticipantFacts } from '#domain/small-groups/save-facts.server.ts';
import { t } from '#lib/i18n.ts';
import { domainErrorData, requireSmallGroupsCourse } from './access.server.ts';
import { SmallGroupsNav } from './nav.tsx';
import type { Route } from './+types/participants.ts';

const GENDER_MAX = 40;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course, courseBase, base } = await requireSmallGroupsCourse(request, context, params);
  const state = await loadCourseGroups(services(context).db, org.id, course.id);
  return data(
    {
      course: { id: course.id, title: course.title },
      courseBase,
      base,
      participants: state.participants.map((p) => ({
        id: p.registrationId,
        name: p.name,
        profession: p.profession,
        institution: p.institution,
        region: p.region,
        experience: p.experience,
        coLeader: p.coLeaderCandidate,
        gender: p.gender,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, course } = await requireSmallGroupsCourse(request, context, params);
  const formData = await request.formData();
  const ids = formData.getAll('participant').map(String);
  if (ids.length === 0 || !ids.every((id) => UUID.test(id))) return data({ ok: false as const, errors: {}, alert: t('form.fixErrors'), notice: undefined, code: 'FORM' }, { status: 400 });
  const errors: Record<string, string> = {};
  const facts = ids.map((registrationId) => {
    const experience = String(formData.get(`experience:${registrationId}`) ?? '');
    const gender = String(formData.get(`gender:${registrationId}`) ?? '').trim();
    if (experience && !isBalintExperience(experience)) errors[`experience:${registrationId}`] = t('form.invalidChoice');
    if (gender.length > GENDER_MAX) errors[`gender:${registrationId}`] = t('form.tooLong', { max: GENDER_MAX });
    return { registrationId, experience: (isBalintExperience(experience) ? experience : '') as '' | (typeof BALINT_EXPERIENCE)[number], coLeaderCandidate: formData.get(`coLeader:${registrationId}`) === 'yes', gender };
  });
  if (Object.keys(errors).length) return data({ ok: false as const, errors, alert: t('form.fixErrors'), notice: undefined, code: 'FORM' }, { status: 400 });
  try {
    const result = await saveParticipantFacts(services(context).db, { organizationId: org.id, courseId: course.id, facts }, actor);
    return { ok: true as const, errors: {}, alert: undefined, notice: t('smallGroups.factsSaved', { count: result.changed }), code: undefined };
  } catch (error) {
    return domainErrorData(error);
  }
}

export default function ParticipantFacts({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const d = loaderData;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const labels = Object.fromEntries(
    d.participants.flatMap((p) => [
      [`experience:${p.id}`, t('smallGroups.experience', { name: p.name })],
      [`gender:${p.id}`, t('smallGroups.gender', { name: p.name })],
    ]),
  );
  const heading = `${t('smallGroups.heading', { course: d.course.title })} — ${t('smallGroups.factsHeading')}`;
  return (
    <main id="main">
      <title>{heading}</title>
      <h1>{heading}</h1>
      <CourseNav base={d.courseBase} title={d.course.title} />
      <SmallGroupsNav base={d.base} />
      <ErrorSummary message={actionData?.ok === false ? actionData.alert : undefined} errors={errors} labels={labels} attempt={actionData} />
      {actionData?.ok ? (
        <div className="notice success" role="status">
          <p>{actionData.notice}</p>
        </div>
      ) : null}
      <p>{t('smallGroups.factsIntro')}</p>
      {d.participants.length === 0 ? (
        <p>{t('smallGroups.noParticipants')}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <DataTable caption={t('smallGroups.factsHeading')}>
            <thead>
              <tr>
                <th scope="col">{t('smallGroups.colName')}</th>
                <th scope="col">{t('smallGroups.colProfession')}</th>
                <th scope="col">{t('smallGroups.colInstitution')}</th>
                <th scope="col">{t('smallGroups.colRegion')}</th>
                <th scope="col">{t('smallGroups.weightExperience')}</th>
                <th scope="col">{t('smallGroups.coLeaderCandidates')}</th>
                <th scope="col">{t('smallGroups.weightGender')}</th>
              </tr>
            </thead>
            <tbody>
              {d.participants.map((p) => {
                const expError = errors[`experience:${p.id}`];
                const genderError = errors[`gender:${p.id}`];
                // While in error a control takes the id the error summary links to (fieldAnchor).
                const expId = expError ? fieldAnchor(`experience:${p.id}`) : `experience-${p.id}`;
                const genderId = genderError ? fieldAnchor(`gender:${p.id}`) : `gender-${p.id}`;
                const coId = `coleader-${p.id}`;
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.name}
                      <input type="hidden" name="participant" value={p.id} />
                    </th>
                    <td>{p.profession}</td>
                    <td>{p.institution}</td>
                    <td>{p.region}</td>
                    <td>
                      <label htmlFor={expId} className="visually-hidden">
                        {t('smallGroups.experience', { name: p.name })}
                      </label>
                      <select id={expId} name={`experience:${p.id}`} defaultValue={p.experience} aria-invalid={expError ? true : undefined} aria-describedby={expError ? `${expId}-error` : undefined}>
                        <option value="">{t('smallGroups.experienceNone')}</option>
                        {BALINT_EXPERIENCE.map((e) => (
                          <option key={e} value={e}>
                            {t(`smallGroups.experience_${e}`)}
                          </option>
                        ))}
                      </select>
                      {expError ? (
                        <span className="field-error" id={`${expId}-error`}>
                          {expError}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <input type="checkbox" id={coId} name={`coLeader:${p.id}`} value="yes" defaultChecked={p.coLeader} />
                      <label htmlFor={coId} className="visually-hidden">
                        {t('smallGroups.coLeader', { name: p.name })}
                      </label>
                    </td>
                    <td>
                      <label htmlFor={genderId} className="visually-hidden">
                        {t('smallGroups.gender', { name: p.name })}
                      </label>
                      <input id={genderId} name={`gender:${p.id}`} defaultValue={p.gender} size={10} aria-invalid={genderError ? true : undefined} aria-describedby={genderError ? `${genderId}-error` : undefined} />
                      {genderError ? (
                        <span className="field-error" id={`${genderId}-error`}>
                          {genderError}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
          <div>
            <button type="submit" disabled={busy}>
              {t('smallGroups.saveFacts')}
            </button>
          </div>
        </Form>
      )}
    </main>
  );
}
