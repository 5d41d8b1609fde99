// Who may read a money document: the person it belongs to (the payer, the registrant) or
// staff with money:read in that organization. Anyone else gets a 404, as if it did not exist.
import { data, type RouterContextProvider } from 'react-router';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import type { RenderedDocument } from '#domain/billing/documents.server.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';

export async function requireDocumentReader(request: Request, context: Readonly<RouterContextProvider>, orgSlug: string | undefined) {
  const org = await requireOrganization(context, orgSlug);
  const user = await requireUser(request, context, org.slug);
  const roles = await findRoles(services(context).db, org.id, user.id);
  const staff = rolesGrant(roles, 'money:read');
  return {
    org,
    user,
    staff,
    /** Throws 404 unless the reader owns the document or is staff. */
    allow(ownerUserIds: readonly string[]) {
      if (!staff && !ownerUserIds.includes(user.id)) throw data(null, { status: 404 });
    },
  };
}

export function pdfResponse(document: RenderedDocument): Response {
  return new Response(new Uint8Array(document.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${document.filename}"`,
      'Content-Length': String(document.bytes.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
