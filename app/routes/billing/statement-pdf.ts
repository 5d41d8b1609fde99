// /o/:org/registrations/:registrationId/statement.pdf — the registration's ledger as a PDF.
import { data } from 'react-router';
import { services } from '#app/lib/guards.server.ts';
import { renderDocument } from '#domain/billing/documents.server.ts';
import { pdfResponse, requireDocumentReader } from './document-access.server.ts';
import type { Route } from './+types/statement-pdf.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const reader = await requireDocumentReader(request, context, params.org);
  const document = await renderDocument(services(context).db, reader.org.id, 'statement', params.registrationId ?? '');
  if (!document) throw data(null, { status: 404 });
  reader.allow(document.ownerUserIds);
  return pdfResponse(document);
}
