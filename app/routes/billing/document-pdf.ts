// /o/:org/documents/{receipts|invoices|gift-receipts}/<id>.pdf — rendered on demand from the
// ledger for the payer or money staff.
import { data } from 'react-router';
import { services } from '#app/lib/guards.server.ts';
import { renderDocument, type DocumentKind } from '#domain/billing/documents.server.ts';
import { pdfResponse, requireDocumentReader } from './document-access.server.ts';
import type { Route } from './+types/document-pdf.ts';

const KINDS: Record<string, DocumentKind> = { receipts: 'receipt', invoices: 'invoice', 'gift-receipts': 'gift_receipt' };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const reader = await requireDocumentReader(request, context, params.org);
  const kind = KINDS[params.kind ?? ''];
  const match = /^([0-9a-f-]{36})\.pdf$/i.exec(params.file ?? '');
  if (!kind || !match) throw data(null, { status: 404 });
  const document = await renderDocument(services(context).db, reader.org.id, kind, match[1]!.toLowerCase());
  if (!document) throw data(null, { status: 404 });
  reader.allow(document.ownerUserIds);
  return pdfResponse(document);
}
