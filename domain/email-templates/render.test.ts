// Placeholders, validation and the registry's defaults: pure, no database.
import { describe, expect, test } from 'vitest';
import { registrationEmail } from '#domain/registration/emails.ts';
import { redactPath } from '#lib/log.server.ts';
import { signUnsubscribeToken, unsubscribeSigningKey, verifyUnsubscribeToken } from '#lib/email/unsubscribe.ts';
import { previewEmailTemplate } from './preview.ts';
import { catalogText, defaultTemplate, getTemplateDefinition, PLACEHOLDERS, REGISTRY } from './registry.ts';
import { placeholdersIn, renderPlaceholders, splitParagraphs } from './render.ts';
import { emailTemplates } from './templates.ts';
import { validateTemplate } from './validate-template.ts';

describe('placeholders', () => {
  test('render by name, with spaces inside the braces; a missing value renders as nothing', () => {
    expect(renderPlaceholders('Hello {{ name }}, {{course}}: {{missing}}!', { name: 'Ana', course: 'LTI' })).toBe('Hello Ana, LTI: !');
    expect(renderPlaceholders('{{count}} places', { count: 0 })).toBe('0 places');
    // A value that looks like a placeholder is not rendered again.
    expect(renderPlaceholders('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}');
  });

  test('are listed once, in order of first use', () => {
    expect(placeholdersIn('{{course}} {{dates}} {{course}}')).toEqual(['course', 'dates']);
  });

  test('paragraphs are separated by blank lines', () => {
    expect(splitParagraphs('One.\n\n  Two.\r\n\r\nThree\nlines.\n\n\n')).toEqual(['One.', 'Two.', 'Three\nlines.']);
  });
});

describe('validation', () => {
  const accepted = getTemplateDefinition('registration.accepted');

  test('refuses unknown placeholders field by field, naming them', () => {
    expect(validateTemplate(accepted, { subject: 'Welcome to {{course}}, {{firstName}}', body: 'See you on {{dates}} at {{venue}} and {{room}}.' })).toEqual({
      subject: { problem: 'unknown_placeholder', names: ['firstName'] },
      body: { problem: 'unknown_placeholder', names: ['venue', 'room'] },
    });
  });

  test('refuses an empty field, a two-line subject, an unclosed placeholder and too much text', () => {
    expect(validateTemplate(accepted, { subject: ' ', body: 'x' })).toEqual({ subject: { problem: 'required' } });
    expect(validateTemplate(accepted, { subject: 'a\nb', body: 'x' })).toEqual({ subject: { problem: 'line_break' } });
    expect(validateTemplate(accepted, { subject: 'a', body: 'Dear {{course' })).toEqual({ body: { problem: 'broken_placeholder' } });
    expect(validateTemplate(accepted, { subject: 'a', body: 'x'.repeat(5001) })).toEqual({ body: { problem: 'too_long', max: 5000 } });
  });

  test('accepts the defaults of every registered kind', () => {
    for (const definition of REGISTRY) expect(validateTemplate(definition, defaultTemplate(definition.kind)), definition.kind).toEqual({});
  });
});

describe('the registry', () => {
  test('every kind has catalog defaults, described placeholders with samples, and a unique kind', () => {
    expect(new Set(REGISTRY.map((d) => d.kind)).size).toBe(REGISTRY.length);
    for (const d of REGISTRY) {
      expect(catalogText(d.subjectKey)).toBeTruthy();
      expect(catalogText(d.bodyKey)).toBeTruthy();
      for (const name of d.placeholders) expect(PLACEHOLDERS[name], `${d.kind}: ${name}`).toBeDefined();
    }
  });

  test('credential-bearing messages are essential', () => {
    for (const d of REGISTRY.filter((x) => x.credential)) expect(d.essential).toBe(true);
  });

  test('without an override a message reads exactly as the catalog renders it; with one, as the organization wrote it, in both parts', () => {
    const facts = {
      orgName: 'Northwest Balint Circle',
      orgSlug: 'nwbc',
      publicUrl: 'https://hub.example.org',
      name: 'Ana',
      course: { title: 'Spokane LTI', startsOn: '2026-04-23', endsOn: '2026-04-26', currency: 'USD' },
      amountMinor: 145000,
      categoryLabel: 'Physician',
      tier: 'early' as const,
    };
    const plain = registrationEmail('accepted', facts);
    expect(plain.subject).toBe('You are accepted: Spokane LTI');
    expect(plain.text).toContain('Good news: your application to Spokane LTI (April 23–26, 2026) is accepted.');

    const own = registrationEmail('accepted', {
      ...facts,
      templates: emailTemplates(new Map([['registration.accepted', { subject: 'Welcome aboard: {{course}}', body: 'See you on {{dates}}.\n\nBring <your> questions.' }]])),
    });
    expect(own.subject).toBe('Welcome aboard: Spokane LTI');
    expect(own.text).toContain('See you on April 23–26, 2026.\n\nBring <your> questions.');
    expect(own.html).toContain('<p>See you on April 23–26, 2026.</p><p>Bring &lt;your&gt; questions.</p>');
    // The frame around the body stays: greeting, link to the registrations page, signature.
    expect(own.text).toContain('Hello Ana,');
    expect(own.text).toContain('https://hub.example.org/o/nwbc/registrations');
    expect(own.text).not.toContain('Good news');
  });

  test('the preview uses sample values and shows the unsubscribe footer only for non-essential mail', () => {
    const reminder = previewEmailTemplate('evaluation.reminder', { subject: 'Evaluate {{course}}', body: 'Please.' }, 'ABS');
    expect(reminder.subject).toBe('Evaluate Leadership Training Intensive');
    expect(reminder.text).toContain('unsubscribe');
    const accepted = previewEmailTemplate('registration.accepted', defaultTemplate('registration.accepted'), 'ABS');
    expect(accepted.text).not.toContain('unsubscribe');
  });
});

describe('unsubscribe tokens', () => {
  const key = unsubscribeSigningKey(Buffer.alloc(32, 9));
  const org = '8a3c1f2e-0000-4000-8000-000000000001';

  test('verify, naming the organization and the lower-cased address', () => {
    expect(verifyUnsubscribeToken(key, signUnsubscribeToken(key, org, 'Ana@Example.org'))).toEqual({ organizationId: org, address: 'ana@example.org' });
  });

  test('a token altered, signed with another key, or cut short does not verify', () => {
    const token = signUnsubscribeToken(key, org, 'ana@example.org');
    const [payload, signature] = token.split('.') as [string, string];
    const otherPayload = Buffer.from(`v1\n${org}\nbob@example.org`).toString('base64url');
    expect(verifyUnsubscribeToken(key, `${otherPayload}.${signature}`)).toBeNull();
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expect(verifyUnsubscribeToken(key, `${payload}.${flipped}`)).toBeNull();
    expect(verifyUnsubscribeToken(unsubscribeSigningKey(Buffer.alloc(32, 8)), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, payload)).toBeNull();
    expect(verifyUnsubscribeToken(key, '')).toBeNull();
    expect(verifyUnsubscribeToken(key, `${token}.x`)).toBeNull();
  });

  test('never reach the request log: the token names the address', () => {
    const token = signUnsubscribeToken(key, org, 'ana@example.org');
    expect(redactPath(`/o/abs/unsubscribe/${token}`)).toBe('/o/abs/unsubscribe/[redacted]');
  });
});

describe('a credential-bearing message', () => {
  test('keeps its link whatever the organization’s words say', async () => {
    const { confirmationEmail } = await import('#domain/registration/emails.ts');
    const mail = confirmationEmail({
      orgName: 'ABS',
      orgSlug: 'abs',
      publicUrl: 'https://hub.example.org',
      name: 'Ana',
      course: { title: 'LTI', startsOn: '2026-04-23', endsOn: '2026-04-26', currency: 'USD' },
      amountMinor: 100000,
      categoryLabel: 'Physician',
      tier: 'regular',
      confirmUrl: 'https://hub.example.org/o/abs/registrations/confirm/secret-token',
      until: 'tomorrow',
      status: 'submitted',
      statusLabel: 'Submitted',
      choosePassword: false,
      templates: emailTemplates(new Map([['registration.confirm', { subject: 'Please confirm', body: 'One click, please.' }]])),
    });
    expect(mail.subject).toBe('Please confirm');
    expect(mail.text).toContain('One click, please.');
    expect(mail.text).toContain('https://hub.example.org/o/abs/registrations/confirm/secret-token');
    expect(mail.html).toContain('href="https://hub.example.org/o/abs/registrations/confirm/secret-token"');
    expect(getTemplateDefinition('registration.confirm').credential).toBe(true);
  });
});
