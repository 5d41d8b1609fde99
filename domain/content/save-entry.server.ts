// An admin adds or changes an event or a news item of the organization.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { siteEntries } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { EntryForm } from './entry-form.ts';

function row(form: EntryForm) {
  return {
    kind: form.kind,
    title: form.title,
    startsOn: form.startsOn,
    endsOn: form.kind === 'event' && form.endsOn && form.endsOn !== form.startsOn ? form.endsOn : null,
    place: form.kind === 'event' ? form.place : '',
    summary: form.summary,
    body: form.body.replace(/\r\n/g, '\n'),
    published: form.published,
  };
}

export async function createEntry(db: Db, actor: Actor, input: { organizationId: string; form: EntryForm }): Promise<string> {
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .insert(siteEntries)
      .values({ organizationId: input.organizationId, ...row(input.form) })
      .returning({ id: siteEntries.id });
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'site.entry_created', entityType: 'site_entry', entityId: entry!.id, after: { kind: input.form.kind, title: input.form.title } });
    return entry!.id;
  });
}

export async function updateEntry(db: Db, actor: Actor, input: { organizationId: string; entryId: string; form: EntryForm }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(siteEntries)
      .where(and(eq(siteEntries.id, input.entryId), eq(siteEntries.organizationId, input.organizationId)))
      .for('update');
    if (!before) throw new DomainError('ENTRY_NOT_FOUND', input.entryId);
    await tx
      .update(siteEntries)
      .set({ ...row(input.form), updatedAt: new Date() })
      .where(and(eq(siteEntries.id, before.id), eq(siteEntries.organizationId, input.organizationId)));
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'site.entry_saved',
      entityType: 'site_entry',
      entityId: before.id,
      before: { title: before.title, startsOn: before.startsOn, published: before.published },
      after: { title: input.form.title, startsOn: input.form.startsOn, published: input.form.published },
    });
  });
}
