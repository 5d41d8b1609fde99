-- What is owed comes from the ledger (ADR 0040): a category change now re-quotes the
-- registration's price and discount, so the separate adjustment column is folded into the
-- amount it adjusted (its history stays in the ledger's adjustment entries and the audit trail).
UPDATE "registrations" SET "amount_minor" = "amount_minor" + "balance_adjustment_minor" WHERE "balance_adjustment_minor" <> 0;--> statement-breakpoint
ALTER TABLE "registrations" DROP COLUMN "balance_adjustment_minor";
