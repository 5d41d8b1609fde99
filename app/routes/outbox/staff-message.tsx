import { data } from 'react-router';
import { z } from 'zod';
import { getOutboxMessage } from '#lib/email/outbox.server.ts';
import { withholdLinks } from '#lib/email/credential.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { MailView } from '#app/components/outbox-parts.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/staff-message.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'outbox:read');
  const id = z.uuid().safeParse(params.message);
  const message = id.success ? await getOutboxMessage(services(context).db, org.id, id.data) : undefined;
  if (!message) throw data(null, { status: 404 });
  // A credential-bearing message never leaves the server with its link: staff of no
  // organization are trusted with another person's credentials.
  return {
    to: message.toAddress,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.credential ? withholdLinks(message.text) : message.text,
    credential: message.credential,
    status: message.status,
    // The mail server's own words when it refused or failed (no body, no secrets: its reply line).
    deliveryError: message.status === 'sent' ? null : message.lastError,
    created: `${formatInstant(message.createdAt, org.timeZone)} (${org.timeZone})`,
  };
}

export default function OutboxMessage({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{loaderData.subject}</title>
      <h1>{loaderData.subject}</h1>
      <MailView message={loaderData} notice={loaderData.credential ? t('outboxCredential.notice') : undefined} />
    </main>
  );
}
