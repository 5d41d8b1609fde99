// The committee's deadline notice (ADR 0069): pure, no database.
import { describe, expect, test } from 'vitest';
import { getTemplateDefinition } from '#domain/email-templates/registry.ts';
import { emailTemplates } from '#domain/email-templates/templates.ts';
import { committeeDeadlineEmail } from './emails.ts';

const facts = { orgName: 'ABS', orgSlug: 'abs', publicUrl: 'https://hub.example.org', name: 'Kim', courseId: 'c1', courseTitle: 'Spokane LTI' };

describe('the committee’s deadline notice', () => {
  test('by default reads as before, for one application and for many', () => {
    const one = committeeDeadlineEmail({ ...facts, pending: 1 });
    expect(one.subject).toBe('Financial aid: 1 application awaits a decision (Spokane LTI)');
    expect(one.text).toContain('The deadline for financial-aid applications for Spokane LTI has passed. 1 application awaits the committee’s review and decision.');
    const many = committeeDeadlineEmail({ ...facts, pending: 3 });
    expect(many.subject).toBe('Financial aid: 3 applications await a decision (Spokane LTI)');
    expect(many.text).toContain('has passed. 3 applications await the committee’s review and decision.');
  });

  test('an organization’s override is used, with the number or the phrase that agrees with it; the link stays', () => {
    const templates = emailTemplates(new Map([['aid.committee_deadline', { subject: 'Aid to decide for {{course}}: {{count}}', body: 'Dear committee, {{pending}} you.\n\n{{org}}' }]]));
    const own = committeeDeadlineEmail({ ...facts, pending: 1, templates });
    expect(own.subject).toBe('Aid to decide for Spokane LTI: 1');
    expect(own.text).toContain('Dear committee, 1 application awaits you.\n\nABS');
    expect(own.text).not.toContain('has passed');
    expect(committeeDeadlineEmail({ ...facts, pending: 2, templates }).text).toContain('Dear committee, 2 applications await you.');
    expect(own.text).toContain('https://hub.example.org/o/abs/admin/financial-aid/c1');
  });

  test('is essential: never skipped for an unsubscribed address', () => {
    expect(getTemplateDefinition('aid.committee_deadline').essential).toBe(true);
  });
});
