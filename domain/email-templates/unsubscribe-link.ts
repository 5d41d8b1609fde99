// The signed link every non-essential message carries (ADR 0069): in its footer, and as its
// List-Unsubscribe header for one-click unsubscribing from the mail client (RFC 8058).
import { signUnsubscribeToken, unsubscribeSigningKey } from '#lib/email/unsubscribe.ts';
import { t } from '#lib/i18n.ts';

export interface UnsubscribeContext {
  publicUrl: string;
  organizationId: string;
  orgSlug: string;
  /** The deployment's root secret (services' encryptionKey); the link's key is derived from it. */
  secretKey: Buffer;
}

export function unsubscribePath(orgSlug: string, token: string): string {
  return `/o/${orgSlug}/unsubscribe/${token}`;
}

export function unsubscribeUrl(context: UnsubscribeContext, to: string): string {
  const token = signUnsubscribeToken(unsubscribeSigningKey(context.secretKey), context.organizationId, to);
  return `${context.publicUrl.replace(/\/$/, '')}${unsubscribePath(context.orgSlug, token)}`;
}

/** What a non-essential message to `to` adds: the footer for composeEmail, the header for the outbox. */
export function nonEssentialParts(context: UnsubscribeContext, to: string): { unsubscribe: { notice: string; url: string }; listUnsubscribe: string } {
  const url = unsubscribeUrl(context, to);
  return { unsubscribe: { notice: t('emailTemplates.unsubscribeNotice'), url }, listUnsubscribe: url };
}
