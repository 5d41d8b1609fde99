// The director's small-group settings: number of groups, size bounds, weights of the mix and
// the leader rules; then each group's name, room and faculty leaders, with the leader rules
// still broken named in words.
import { data, type ShouldRevalidateFunctionArgs, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { CheckboxField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { services } from '#app/lib/guards.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { loadCourseGroups } from '#domain/small-groups/course-groups.server.ts';
import { findLeaderViolations } from '#domain/small-groups/leader-rules.ts';
import { SETTINGS_LIMITS } from '#domain/small-groups/limits.ts';
import { saveGroupDetails, saveSmallGroupSettings } from '#domain/small-groups/save-settings.server.ts';
import { t } from '#lib/i18n.ts';
import { domainErrorData, requireSmallGroupsCourse } from './access.server.ts';
import { SmallGroupsNav } from './nav.tsx';
import type { Route } from './+types/settings.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const settingsSchema = z
  .object({
    intent: z.literal('settings'),
    version: int(0, 2 ** 31 - 1),
    groupCount: int(1, SETTINGS_LIMITS.groups),
    minSize: int(1, SETTINGS_LIMITS.size),
    maxSize: int(1, SETTINGS_LIMITS.size),
    weightProfession: int(0, SETTINGS_LIMITS.weight),
    weightExperience: int(0, SETTINGS_LIMITS.weight),
    weightRegion: int(0, SETTINGS_LIMITS.weight),
    weightGender: int(0, SETTINGS_LIMITS.weight),
    leadersPerGroup: int(0, SETTINGS_LIMITS.leaders),
    requireBehavioralHealth: z.literal('yes').optional(),
  })
  .refine((v) => v.minSize <= v.maxSize, { path: ['minSize'], message: t('smallGroups.minAboveMax') });

const LABELS = {
  groupCount: t('smallGroups.groupCount'),
  minSize: t('smallGroups.minSize'),
  maxSize: t('smallGroups.maxSize'),
  weightProfession: t('smallGroups.weightProfession'),
  weightExperience: t('smallGroups.weightExperience'),
  weightRegion: t('smallGroups.weightRegion'),
  weightGender: t('smallGroups.weightGender'),
  leadersPerGroup: t('smallGroups.leadersPerGroup'),
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course, courseBase, base } = await requireSmallGroupsCourse(request, context, params);
  const state = await loadCourseGroups(services(context).db, org.id, course.id);
  return data(
    {
      course: { id: course.id, title: course.title },
      courseBase,
      base,
      version: state.plan.version,
      plan: { minSize: state.plan.minSize, maxSize: state.plan.maxSize, weights: state.plan.weights, leaderRules: state.plan.leaderRules },
      groups: state.groups.map((g) => ({ id: g.id, name: g.name, room: g.room, leaderIds: g.leaders.map((l) => l.courseFacultyId) })),
      faculty: state.faculty.map((f) => ({ id: f.id, name: f.name, credentials: f.credentials, behavioralHealth: f.behavioralHealth })),
      violations: findLeaderViolations(state.groups, state.plan.leaderRules),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, course } = await requireSmallGroupsCourse(request, context, params);
  const formData = await request.formData();
  const db = services(context).db;
  const fail = (errors: Record<string, string>) => data({ ok: false as const, errors, alert: t('form.fixErrors'), notice: undefined, code: 'FORM' }, { status: 400 });
  try {
    if (formData.get('intent') === 'groups') {
      const version = Number(formData.get('version'));
      const ids = formData.getAll('groupId').map(String);
      if (!Number.isInteger(version) || ids.length === 0 || !ids.every((id) => UUID.test(id))) return fail({});
      const errors: Record<string, string> = {};
      const groups = ids.map((id) => {
        const name = String(formData.get(`name:${id}`) ?? '').trim();
        const room = String(formData.get(`room:${id}`) ?? '').trim();
        if (!name) errors[`name:${id}`] = t('form.required');
        if (name.length > 100) errors[`name:${id}`] = t('form.tooLong', { max: 100 });
        if (room.length > 200) errors[`room:${id}`] = t('form.tooLong', { max: 200 });
        const leaderIds = formData.getAll(`leader:${id}`).map(String);
        if (!leaderIds.every((l) => UUID.test(l))) errors[`name:${id}`] = t('form.invalidChoice');
        return { id, name, room, leaderIds };
      });
      if (Object.keys(errors).length) return fail(errors);
      await saveGroupDetails(db, { organizationId: org.id, courseId: course.id, version, groups }, actor);
      return { ok: true as const, errors: {}, alert: undefined, notice: t('smallGroups.groupsSaved'), code: undefined };
    }
    const parsed = parseForm(settingsSchema, formData);
    if (!parsed.ok) return fail(parsed.errors);
    const v = parsed.data;
    await saveSmallGroupSettings(
      db,
      {
        organizationId: org.id,
        courseId: course.id,
        version: v.version,
        groupCount: v.groupCount,
        minSize: v.minSize,
        maxSize: v.maxSize,
        weights: { profession: v.weightProfession, experience: v.weightExperience, region: v.weightRegion, gender: v.weightGender },
        leaderRules: { leadersPerGroup: v.leadersPerGroup, requireBehavioralHealth: v.requireBehavioralHealth === 'yes' },
      },
      actor,
    );
    return { ok: true as const, errors: {}, alert: undefined, notice: t('smallGroups.settingsSaved'), code: undefined };
  } catch (error) {
    return domainErrorData(error);
  }
}

/**
 * After any change the groups are read again, a refused one included: a change refused because
 * someone else changed the plan (or started a run) meanwhile shows the current state, as it says.
 */
export function shouldRevalidate({ formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return formMethod === 'POST' ? true : defaultShouldRevalidate;
}

export default function SmallGroupSettings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const d = loaderData;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const heading = `${t('smallGroups.heading', { course: d.course.title })} — ${t('smallGroups.settingsHeading')}`;
  const groupLabels = Object.fromEntries(d.groups.flatMap((g, i) => [[`name:${g.id}`, t('smallGroups.groupName', { number: i + 1 })], [`room:${g.id}`, t('smallGroups.groupRoom', { number: i + 1 })]]));
  return (
    <main id="main">
      <title>{heading}</title>
      <h1>{heading}</h1>
      <CourseNav base={d.courseBase} title={d.course.title} />
      <SmallGroupsNav base={d.base} />
      <ErrorSummary message={actionData?.ok === false ? actionData.alert : undefined} errors={errors} labels={{ ...LABELS, ...groupLabels }} attempt={actionData} />
      {actionData?.ok ? (
        <div className="notice success" role="status">
          <p>{actionData.notice}</p>
        </div>
      ) : null}
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('smallGroups.settingsHeading')}</h2>
        <Form method="post" className="stack" noValidate key={`settings-${d.version}`}>
          <input type="hidden" name="intent" value="settings" />
          <input type="hidden" name="version" value={d.version} />
          <Field name="groupCount" type="number" label={LABELS.groupCount} defaultValue={String(d.groups.length || 4)} error={errors.groupCount} />
          <Field name="minSize" type="number" label={LABELS.minSize} defaultValue={String(d.plan.minSize)} error={errors.minSize} />
          <Field name="maxSize" type="number" label={LABELS.maxSize} defaultValue={String(d.plan.maxSize)} error={errors.maxSize} />
          <fieldset>
            <legend>{t('smallGroups.weights')}</legend>
            <Field name="weightProfession" type="number" label={LABELS.weightProfession} defaultValue={String(d.plan.weights.profession)} error={errors.weightProfession} />
            <Field name="weightExperience" type="number" label={LABELS.weightExperience} defaultValue={String(d.plan.weights.experience)} error={errors.weightExperience} />
            <Field name="weightRegion" type="number" label={LABELS.weightRegion} defaultValue={String(d.plan.weights.region)} error={errors.weightRegion} />
            <Field name="weightGender" type="number" label={LABELS.weightGender} defaultValue={String(d.plan.weights.gender)} error={errors.weightGender} />
          </fieldset>
          <fieldset>
            <legend>{t('smallGroups.leaderRulesHeading')}</legend>
            <Field name="leadersPerGroup" type="number" label={LABELS.leadersPerGroup} defaultValue={String(d.plan.leaderRules.leadersPerGroup)} error={errors.leadersPerGroup} />
            <CheckboxField name="requireBehavioralHealth" value="yes" label={t('smallGroups.requireBehavioralHealth')} defaultChecked={d.plan.leaderRules.requireBehavioralHealth} />
          </fieldset>
          <div>
            <button type="submit" disabled={busy}>
              {t('smallGroups.saveSettings')}
            </button>
          </div>
        </Form>
      </section>

      {d.groups.length ? (
        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading">{t('smallGroups.groupsHeading')}</h2>
          <h3>{t('smallGroups.brokenRules')}</h3>
          {d.violations.length ? (
            <ul>
              {d.violations.map((v) => (
                <li key={v}>{v}</li>
              ))}
            </ul>
          ) : (
            <p>{t('smallGroups.noBrokenRules')}</p>
          )}
          <Form method="post" className="stack" noValidate key={`groups-${d.version}`}>
            <input type="hidden" name="intent" value="groups" />
            <input type="hidden" name="version" value={d.version} />
            {d.groups.map((g, i) => (
              <fieldset key={g.id}>
                <legend>{g.name}</legend>
                <input type="hidden" name="groupId" value={g.id} />
                <Field name={`name:${g.id}`} label={t('smallGroups.groupName', { number: i + 1 })} defaultValue={g.name} error={errors[`name:${g.id}`]} />
                <Field name={`room:${g.id}`} label={t('smallGroups.groupRoom', { number: i + 1 })} defaultValue={g.room} error={errors[`room:${g.id}`]} />
                <fieldset>
                  <legend>{t('smallGroups.groupLeaders', { group: g.name })}</legend>
                  {d.faculty.map((f) => (
                    <div className="checkbox-row" key={f.id}>
                      <input type="checkbox" id={`leader-${g.id}-${f.id}`} name={`leader:${g.id}`} value={f.id} defaultChecked={g.leaderIds.includes(f.id)} />
                      <label htmlFor={`leader-${g.id}-${f.id}`}>
                        {f.credentials ? `${f.name}, ${f.credentials}` : f.name}
                        {f.behavioralHealth ? ` ${t('smallGroups.behavioralHealthMark')}` : ''}
                      </label>
                    </div>
                  ))}
                </fieldset>
              </fieldset>
            ))}
            <div>
              <button type="submit" disabled={busy}>
                {t('smallGroups.saveGroups')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </main>
  );
}
