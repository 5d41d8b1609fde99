// Staff revoke a certificate with a reason (issued in error, credit withdrawn); its code then
// verifies as revoked, naming the date. Audited.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { certificates } from '#db/schema/credit.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { isUuid } from '#lib/ids.ts';

export async function revokeCertificate(db: DbOrTx, actor: Actor, input: { organizationId: string; certificateId: string; reason: string; now?: Date }) {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('REASON_REQUIRED', 'reason');
  if (!isUuid(input.certificateId)) throw new DomainError('CERTIFICATE_NOT_FOUND', input.certificateId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.id, input.certificateId), eq(certificates.organizationId, input.organizationId)))
      .for('update');
    if (!row) throw new DomainError('CERTIFICATE_NOT_FOUND', input.certificateId);
    if (row.status !== 'valid') throw new DomainError('CERTIFICATE_NOT_VALID', row.id);
    const [revoked] = await tx
      .update(certificates)
      .set({ status: 'revoked', revokedAt: input.now ?? new Date(), revokeReason: reason.slice(0, 500) })
      .where(eq(certificates.id, row.id))
      .returning();
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'certificate.revoked',
      entityType: 'certificate',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'revoked', reason: revoked!.revokeReason },
    });
    return revoked!;
  });
}
