// The profile page's email preferences (ADR 0069): per organization, whether the signed-in
// person's address gets non-essential mail. The person changes only their own address.
import { data } from 'react-router';
import { z } from 'zod';
import type { SessionUser } from '#app/lib/guards.server.ts';
import { findEmailPreferences, resubscribeAddress, unsubscribeAddress } from '#domain/email-templates/unsubscribe.server.ts';
import type { AppServices } from '#lib/services.ts';

export function emailPreferencesLoader(db: AppServices['db'], address: string) {
  return findEmailPreferences(db, address);
}

const preferenceSchema = z.object({ organizationId: z.uuid(), receive: z.enum(['0', '1']) });

export async function saveEmailPreference(services: AppServices, user: SessionUser, formData: FormData) {
  const parsed = preferenceSchema.safeParse({ organizationId: formData.get('organizationId'), receive: formData.get('receive') });
  // Only the buttons of this page send these fields: anything else is a bad request, not a field error.
  if (!parsed.success) return data({ errors: {}, values: {} as Record<string, string>, saved: false, preferenceSaved: false }, { status: 400 });
  const known = await findEmailPreferences(services.db, user.email);
  if (!known.some((p) => p.organizationId === parsed.data.organizationId)) return data({ errors: {}, values: {} as Record<string, string>, saved: false, preferenceSaved: false }, { status: 400 });
  const actor = { userId: user.id, requestId: services.requestId };
  const input = { organizationId: parsed.data.organizationId, address: user.email };
  if (parsed.data.receive === '1') await resubscribeAddress(services.db, input, actor);
  else await unsubscribeAddress(services.db, { ...input, source: 'account' }, actor);
  return data({ errors: {}, values: {} as Record<string, string>, saved: false, preferenceSaved: true });
}
