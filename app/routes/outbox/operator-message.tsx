import { data } from 'react-router';
import { MailView } from '#app/components/outbox-parts.tsx';
import { requireIds, requireOperator, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { recordAudit } from '#domain/audit/record-audit.server.ts';
import { withholdLinks } from '#lib/email/credential.ts';
import { getCredentialMessage } from '#lib/email/outbox.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/operator-message.ts';

// One credential-bearing message, for the deployment operator to pass on while it cannot be
// delivered. Every view is audited; once delivered, the link is withheld here as well.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { actor } = await requireOperator(request, context);
  requireIds(params.message);
  const { db } = services(context);
  const message = await getCredentialMessage(db, params.message);
  if (!message) throw data(null, { status: 404 });
  const delivered = message.status === 'sent';
  await recordAudit(db, actor, { organizationId: null, action: 'outbox.credential_viewed', entityType: 'outbox_message', entityId: message.id, after: { kind: message.kind } });
  return {
    to: message.toAddress,
    subject: message.subject,
    status: message.status,
    delivered,
    text: delivered ? withholdLinks(message.text) : message.text,
    created: `${formatInstant(message.createdAt, 'UTC')} UTC`,
  };
}

export default function OperatorOutboxMessage({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main" className="page">
      <title>{`${loaderData.subject} · ${t('operator.title')}`}</title>
      <p className="muted">{t('operator.title')}</p>
      <h1>{loaderData.subject}</h1>
      <MailView message={loaderData} notice={loaderData.delivered ? t('operator.delivered') : undefined} />
    </main>
  );
}
