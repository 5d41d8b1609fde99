// Public: the holder of a signed unsubscribe link (ADR 0069); the token is the check, no sign-in.
// Viewing the page changes nothing (mail scanners follow links): unsubscribing is a POST, from
// the page's button or from the mail client's one-click (RFC 8058, `List-Unsubscribe=One-Click`).
import { data, Form, useActionData, useNavigation } from 'react-router';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { DomainError } from '#domain/errors.ts';
import { isAddressUnsubscribed, readUnsubscribeLink, unsubscribeAddress } from '#domain/email-templates/unsubscribe.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/unsubscribe.ts';

const PRIVATE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

function readLink(encryptionKey: Buffer, organizationId: string, token: string): { address: string } | null {
  try {
    return readUnsubscribeLink(encryptionKey, organizationId, token);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'UNSUBSCRIBE_LINK_INVALID') return null;
    throw error;
  }
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, encryptionKey } = services(context);
  const link = readLink(encryptionKey, org.id, params.token);
  const already = link ? await isAddressUnsubscribed(db, org.id, link.address) : false;
  return data({ orgName: org.name, address: link?.address ?? null, already }, { headers: PRIVATE });
}

export async function action({ context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, encryptionKey, requestId } = services(context);
  const link = readLink(encryptionKey, org.id, params.token);
  if (!link) return data({ done: false as const, alert: t('emailTemplates.linkInvalid') }, { status: 400, headers: PRIVATE });
  await unsubscribeAddress(db, { organizationId: org.id, address: link.address, source: 'link' }, { userId: null, requestId });
  return data({ done: true as const, alert: undefined }, { headers: PRIVATE });
}

export default function Unsubscribe({ loaderData }: Route.ComponentProps) {
  const { orgName, address, already } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const title = t('unsubscribe.title', { org: orgName });
  const notice = (tone: 'success' | 'error', message: string) => (
    <div className={`notice ${tone}`} role={tone === 'success' ? 'status' : 'alert'}>
      {message}
    </div>
  );
  return (
    <main id="main" className="page narrow">
      <title>{title}</title>
      <SiteDescription describe={(org) => t('unsubscribe.title', { org })} />
      <h1>{title}</h1>
      {!address ? (
        notice('error', actionData?.alert ?? t('emailTemplates.linkInvalid'))
      ) : actionData?.done ? (
        notice('success', t('unsubscribe.done', { address, org: orgName }))
      ) : already ? (
        notice('success', t('unsubscribe.already', { address, org: orgName }))
      ) : (
        <Form method="post" className="stack">
          <p>{t('unsubscribe.intro', { address, org: orgName })}</p>
          <div>
            <button type="submit" disabled={busy}>
              {t('unsubscribe.confirm')}
            </button>
          </div>
        </Form>
      )}
    </main>
  );
}
