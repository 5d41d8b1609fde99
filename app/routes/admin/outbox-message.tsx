import { data } from 'react-router';
import { z } from 'zod';
import { getOutboxMessage } from '#lib/email/outbox.server.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/outbox-message.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'outbox:read');
  const id = z.uuid().safeParse(params.message);
  const message = id.success ? await getOutboxMessage(services(context).db, org.id, id.data) : undefined;
  if (!message) throw data(null, { status: 404 });
  return { to: message.toAddress, subject: message.subject, text: message.text, status: message.status, kind: message.kind };
}

export default function OutboxMessage({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{loaderData.subject}</title>
      <h1>{loaderData.subject}</h1>
      <dl className="facts">
        <dt>{t('admin.to')}</dt>
        <dd>{loaderData.to}</dd>
        <dt>{t('admin.status')}</dt>
        <dd>{t(`admin.status_${loaderData.status}`)}</dd>
      </dl>
      <h2>{t('admin.textPart')}</h2>
      <pre className="mail">{linkify(loaderData.text)}</pre>
    </main>
  );
}

/** Links in the plain-text part become clickable, so a demo can follow them. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
