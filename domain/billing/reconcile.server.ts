// The reconcile report: the ledger's invariants checked against the rows, each violation
// listed with the account it concerns. A clean ledger gives an empty list.
//  (a) over_refunded          no account has been refunded more than it paid;
//  (b) payment_entries        every payment's ledger entries add up to its amount (none missing);
//      refund_entry_missing   every refund marked done has exactly one ledger refund entry of its amount;
//      refund_entry_orphan    every ledger refund entry belongs to a done refund of the same amount;
//  (c) ended_balance          an ended registration (cancelled, declined, withdrawn) has a balance
//                             of exactly −(its open refunds): the policy's outcome, nothing left over;
//  (d) credit_without_refund  no active registration is in credit beyond the refunds already due.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';

export const RECONCILE_CHECKS = ['over_refunded', 'payment_entries', 'refund_entry_missing', 'refund_entry_orphan', 'ended_balance', 'credit_without_refund'] as const;
export type ReconcileCheck = (typeof RECONCILE_CHECKS)[number];

export interface Violation {
  check: ReconcileCheck;
  registrationId: string | null;
  courseId: string | null;
  donationId: string | null;
  name: string;
  paymentId: string | null;
  refundId: string | null;
  currency: string;
  /** What the invariant expects and what the rows say, in minor units. */
  expectedMinor: number;
  actualMinor: number;
}

async function rows(db: DbOrTx, query: SQL): Promise<Violation[]> {
  return (await db.execute(query)).rows as unknown as Violation[];
}

const OPEN_REFUNDS = sql`coalesce((select sum(f.amount_minor) from refunds f where f.registration_id = r.id and f.status in ('due', 'processing', 'failed')), 0)`;

export async function reconcile(db: DbOrTx, organizationId: string): Promise<Violation[]> {
  const overRefunded = await rows(
    db,
    sql`select 'over_refunded' as check, l.registration_id as "registrationId", r.course_id as "courseId", l.donation_id as "donationId",
          coalesce(r.name, d.name, '') as name, null as "paymentId", null as "refundId", min(l.currency) as currency,
          coalesce(-sum(l.amount_minor) filter (where l.kind = 'payment'), 0)::int as "expectedMinor",
          coalesce(sum(l.amount_minor) filter (where l.kind in ('refund', 'refund_reversal')), 0)::int as "actualMinor"
        from ledger_entries l
        left join registrations r on r.id = l.registration_id
        left join donations d on d.id = l.donation_id
        where l.organization_id = ${organizationId}
        group by l.registration_id, l.donation_id, r.course_id, r.name, d.name
        having coalesce(sum(l.amount_minor) filter (where l.kind in ('refund', 'refund_reversal')), 0) > coalesce(-sum(l.amount_minor) filter (where l.kind = 'payment'), 0)`,
  );
  const paymentEntries = await rows(
    db,
    sql`select 'payment_entries' as check, min(l.registration_id::text)::uuid as "registrationId", min(r.course_id::text)::uuid as "courseId",
          min(l.donation_id::text)::uuid as "donationId", coalesce(min(r.name), min(d.name), '') as name, p.id as "paymentId", null as "refundId", p.currency,
          p.amount_minor as "expectedMinor", coalesce(-sum(l.amount_minor), 0)::int as "actualMinor"
        from payments p
        left join ledger_entries l on l.payment_id = p.id and l.kind = 'payment'
        left join registrations r on r.id = l.registration_id
        left join donations d on d.id = l.donation_id
        where p.organization_id = ${organizationId}
        group by p.id
        having coalesce(-sum(l.amount_minor), 0) <> p.amount_minor`,
  );
  const refundMissing = await rows(
    db,
    sql`select 'refund_entry_missing' as check, f.registration_id as "registrationId", r.course_id as "courseId", f.donation_id as "donationId",
          coalesce(r.name, d.name, '') as name, null as "paymentId", f.id as "refundId", f.currency,
          f.amount_minor as "expectedMinor", coalesce(sum(l.amount_minor), 0)::int as "actualMinor"
        from refunds f
        left join ledger_entries l on l.refund_id = f.id and l.kind = 'refund'
        left join registrations r on r.id = f.registration_id
        left join donations d on d.id = f.donation_id
        where f.organization_id = ${organizationId} and f.status = 'done'
        group by f.id, r.course_id, r.name, d.name
        having count(l.id) <> 1 or coalesce(sum(l.amount_minor), 0) <> f.amount_minor`,
  );
  const refundOrphan = await rows(
    db,
    sql`select 'refund_entry_orphan' as check, l.registration_id as "registrationId", r.course_id as "courseId", l.donation_id as "donationId",
          coalesce(r.name, d.name, '') as name, null as "paymentId", l.refund_id as "refundId", l.currency,
          coalesce(f.amount_minor, 0) as "expectedMinor", l.amount_minor as "actualMinor"
        from ledger_entries l
        left join refunds f on f.id = l.refund_id
        left join registrations r on r.id = l.registration_id
        left join donations d on d.id = l.donation_id
        where l.organization_id = ${organizationId} and l.kind = 'refund'
          and (f.id is null or f.status <> 'done' or f.amount_minor <> l.amount_minor)`,
  );
  const endedBalance = await rows(
    db,
    sql`select 'ended_balance' as check, r.id as "registrationId", r.course_id as "courseId", null as "donationId", r.name,
          null as "paymentId", null as "refundId", r.currency,
          (-${OPEN_REFUNDS})::int as "expectedMinor", coalesce(sum(l.amount_minor), 0)::int as "actualMinor"
        from registrations r
        left join ledger_entries l on l.registration_id = r.id
        where r.organization_id = ${organizationId} and r.status in ('cancelled', 'declined', 'withdrawn')
        group by r.id
        having coalesce(sum(l.amount_minor), 0) <> -${OPEN_REFUNDS}`,
  );
  const creditWithoutRefund = await rows(
    db,
    sql`select 'credit_without_refund' as check, r.id as "registrationId", r.course_id as "courseId", null as "donationId", r.name,
          null as "paymentId", null as "refundId", r.currency,
          (-${OPEN_REFUNDS})::int as "expectedMinor", sum(l.amount_minor)::int as "actualMinor"
        from registrations r
        join ledger_entries l on l.registration_id = r.id
        where r.organization_id = ${organizationId} and r.status in ('submitted', 'accepted', 'waitlisted', 'offered', 'confirmed')
        group by r.id
        having sum(l.amount_minor) + ${OPEN_REFUNDS} < 0`,
  );
  return [...overRefunded, ...paymentEntries, ...refundMissing, ...refundOrphan, ...endedBalance, ...creditWithoutRefund];
}
