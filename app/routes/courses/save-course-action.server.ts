// The save step both course forms share: parse, call the domain, map errors to fields.
import { data } from 'react-router';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import type { AppServices } from '#lib/services.ts';
import { parseForm } from '#app/lib/forms.ts';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { courseSchema, EDITABLE_SECTIONS } from '#domain/courses/course-schema.ts';
import { saveCourse } from '#domain/courses/save-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';

export async function saveCourseFromForm(db: AppServices['db'], formData: FormData, input: { organizationId: string; courseId?: string }, actor: Actor) {
  const parsed = parseForm(courseSchema, formData);
  if (!parsed.ok) return { ok: false as const, response: data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 }) };
  try {
    const sectionHeadings = Object.fromEntries(EDITABLE_SECTIONS.map((k) => [k, t(`staffCourses.section_${k}`)]));
    const course = await saveCourse(db, { ...input, form: parsed.data, sectionHeadings }, actor);
    return { ok: true as const, course };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return { ok: false as const, response: data({ errors, values: parsed.values, alert: errorMessage(error.code), done: undefined }, { status: 422 }) };
  }
}
