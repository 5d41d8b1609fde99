// Staff read, save and reset their organization's email templates (ADR 0069). Each save bumps
// the version and audits the wording before and after; a reset deletes the override (audited),
// so the registry's default applies to the next message.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { emailTemplateOverrides } from '#db/schema/email-templates.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { defaultTemplate, findTemplateDefinition, REGISTRY, type EmailTemplateDefinition } from './registry.ts';
import { validateTemplate, type TemplateField, type TemplateProblem } from './validate-template.ts';

export interface EmailTemplateView {
  definition: EmailTemplateDefinition;
  subject: string;
  body: string;
  defaults: { subject: string; body: string };
  /** Null while the default applies. */
  override: { version: number; updatedAt: Date } | null;
}

type OverrideRow = typeof emailTemplateOverrides.$inferSelect;

function view(definition: EmailTemplateDefinition, row: OverrideRow | undefined): EmailTemplateView {
  const defaults = defaultTemplate(definition.kind);
  return {
    definition,
    subject: row?.subject ?? defaults.subject,
    body: row?.body ?? defaults.body,
    defaults,
    override: row ? { version: row.version, updatedAt: row.updatedAt } : null,
  };
}

export async function findEmailTemplates(db: DbOrTx, organizationId: string): Promise<EmailTemplateView[]> {
  const rows = await db.select().from(emailTemplateOverrides).where(eq(emailTemplateOverrides.organizationId, organizationId));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return REGISTRY.map((d) => view(d, byKind.get(d.kind)));
}

function definitionOf(kind: string): EmailTemplateDefinition {
  const definition = findTemplateDefinition(kind);
  if (!definition) throw new DomainError('EMAIL_TEMPLATE_NOT_FOUND', kind);
  return definition;
}

export async function getEmailTemplate(db: DbOrTx, organizationId: string, kind: string): Promise<EmailTemplateView> {
  const definition = definitionOf(kind);
  const [row] = await db
    .select()
    .from(emailTemplateOverrides)
    .where(and(eq(emailTemplateOverrides.organizationId, organizationId), eq(emailTemplateOverrides.kind, kind)));
  return view(definition, row);
}

export class EmailTemplateInvalid extends DomainError {
  readonly problems: Partial<Record<TemplateField, TemplateProblem>>;
  constructor(problems: Partial<Record<TemplateField, TemplateProblem>>) {
    super('EMAIL_TEMPLATE_INVALID', undefined, Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, p.problem])));
    this.problems = problems;
  }
}

/** Saves the organization's words for one kind; refuses unknown placeholders, per field. */
export async function saveEmailTemplate(db: DbOrTx, input: { organizationId: string; kind: string; subject: string; body: string }, actor: Actor): Promise<{ version: number }> {
  const definition = definitionOf(input.kind);
  const subject = input.subject.trim();
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const problems = validateTemplate(definition, { subject, body });
  if (Object.keys(problems).length > 0) throw new EmailTemplateInvalid(problems);
  return db.transaction(async (tx) => {
    // The row lock makes concurrent saves of an existing override take turns; two first saves
    // meet at the unique key, and the second becomes version 2 there.
    const [before] = await tx
      .select()
      .from(emailTemplateOverrides)
      .where(and(eq(emailTemplateOverrides.organizationId, input.organizationId), eq(emailTemplateOverrides.kind, input.kind)))
      .for('update');
    const [row] = await tx
      .insert(emailTemplateOverrides)
      .values({ organizationId: input.organizationId, kind: input.kind, subject, body, version: 1, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: [emailTemplateOverrides.organizationId, emailTemplateOverrides.kind],
        set: { subject, body, version: sql`${emailTemplateOverrides.version} + 1`, updatedBy: actor.userId, updatedAt: new Date() },
      })
      .returning();
    const version = row!.version;
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'email_template.saved',
      entityType: 'email_template',
      entityId: row!.id,
      before: before ? { kind: input.kind, version: before.version, subject: before.subject, body: before.body } : { kind: input.kind, default: true },
      after: { kind: input.kind, version, subject, body },
    });
    return { version };
  });
}

/** Back to the default: the override is deleted (its last wording stays in the audit log). */
export async function resetEmailTemplate(db: DbOrTx, input: { organizationId: string; kind: string }, actor: Actor): Promise<{ reset: boolean }> {
  definitionOf(input.kind);
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(emailTemplateOverrides)
      .where(and(eq(emailTemplateOverrides.organizationId, input.organizationId), eq(emailTemplateOverrides.kind, input.kind)))
      .returning();
    if (!removed) return { reset: false };
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'email_template.reset',
      entityType: 'email_template',
      entityId: removed.id,
      before: { kind: input.kind, version: removed.version, subject: removed.subject, body: removed.body },
      after: { kind: input.kind, default: true },
    });
    return { reset: true };
  });
}
