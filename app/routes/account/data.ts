// "Download my data" (ADR 0070): the signed-in person's own data as one JSON file, audited.
// Never anyone else's: the person comes from the session, not from the URL.
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { exportPersonalData } from '#domain/personal-data/export-personal-data.server.ts';
import type { Route } from './+types/data.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db, requestId, encryptionKey } = services(context);
  const document = await db.transaction((tx) => exportPersonalData(tx, user.id, { userId: user.id, requestId }, { keys: encryptionKey }));
  const body = JSON.stringify(document, null, 2);
  const day = document.exportedAt.slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="balint-hub-my-data-${day}.json"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
