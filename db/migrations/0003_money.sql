CREATE TABLE "cancellations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"received_on" date NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"outcome" jsonb NOT NULL,
	"override_reason" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkout_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkout_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"registration_id" uuid,
	"donation_id" uuid,
	"description" text NOT NULL,
	"amount_minor" integer NOT NULL,
	CONSTRAINT "checkout_lines_amount_positive" CHECK ("checkout_lines"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "checkouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" bigserial NOT NULL,
	"user_id" text,
	"payer_name" text NOT NULL,
	"payer_email" text NOT NULL,
	"method" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"currency" text NOT NULL,
	"total_minor" integer NOT NULL,
	"due_on" date,
	"provider_session_id" text,
	"provider_session_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "donations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"fund" text DEFAULT 'financial_aid' NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donations_amount_positive" CHECK ("donations"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sequence" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"registration_id" uuid,
	"donation_id" uuid,
	"kind" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"payment_id" uuid,
	"refund_id" uuid,
	"cancellation_id" uuid,
	"aid_application_id" uuid,
	"effective_on" date NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_one_account" CHECK (num_nonnulls("ledger_entries"."registration_id", "ledger_entries"."donation_id") = 1),
	CONSTRAINT "ledger_sign" CHECK (("ledger_entries"."kind" = 'charge' and "ledger_entries"."amount_minor" > 0) or ("ledger_entries"."kind" in ('discount','aid_award','payment','refund_reversal') and "ledger_entries"."amount_minor" < 0)
        or ("ledger_entries"."kind" in ('refund') and "ledger_entries"."amount_minor" > 0) or ("ledger_entries"."kind" = 'fee_retained' and "ledger_entries"."amount_minor" > 0)
        or ("ledger_entries"."kind" = 'adjustment' and "ledger_entries"."amount_minor" <> 0 and length("ledger_entries"."reason") > 0)),
	CONSTRAINT "ledger_payment_link" CHECK (("ledger_entries"."kind" = 'payment') = ("ledger_entries"."payment_id" is not null)),
	CONSTRAINT "ledger_refund_link" CHECK (("ledger_entries"."kind" in ('refund','refund_reversal')) = ("ledger_entries"."refund_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"checkout_id" uuid,
	"method" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"received_on" date NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"provider_payment_id" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "provider_events" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text DEFAULT 'stripe' NOT NULL,
	"type" text NOT NULL,
	"organization_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"registration_id" uuid,
	"donation_id" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"due_on" date NOT NULL,
	"method" text,
	"payment_id" uuid,
	"provider_refund_id" text,
	"reference" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"last_reminder_on" date,
	"failure_message" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_on" date,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "aid_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"requested_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"sealed_content" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"awarded_minor" integer,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aid_requested_positive" CHECK ("aid_applications"."requested_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "aid_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_user_id" text NOT NULL,
	"score" integer NOT NULL,
	"sealed_comment" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aid_score_range" CHECK ("aid_reviews"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "postal_address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payment_instructions" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "invoice_due_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "gift_receipt_statement" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "financial_aid_statement" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "payment_timing" text DEFAULT 'at_application' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "payment_hold_hours" integer DEFAULT 168 NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "payment_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cancellation_id_cancellations_id_fk" FOREIGN KEY ("cancellation_id") REFERENCES "public"."cancellations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_applications" ADD CONSTRAINT "aid_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_reviews" ADD CONSTRAINT "aid_reviews_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_reviews" ADD CONSTRAINT "aid_reviews_application_id_aid_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."aid_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_reviews" ADD CONSTRAINT "aid_reviews_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cancellations_registration" ON "cancellations" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "checkout_lines_checkout" ON "checkout_lines" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "checkout_lines_registration" ON "checkout_lines" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkouts_number" ON "checkouts" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "checkouts_provider_session" ON "checkouts" USING btree ("provider_session_id");--> statement-breakpoint
CREATE INDEX "checkouts_org_created" ON "checkouts" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "checkouts_user" ON "checkouts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "donations_org" ON "donations" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_registration" ON "ledger_entries" USING btree ("registration_id","sequence");--> statement-breakpoint
CREATE INDEX "ledger_donation" ON "ledger_entries" USING btree ("donation_id","sequence");--> statement-breakpoint
CREATE INDEX "ledger_org_kind" ON "ledger_entries" USING btree ("organization_id","kind","effective_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_payment_registration" ON "ledger_entries" USING btree ("payment_id","registration_id") WHERE "ledger_entries"."kind" = 'payment' and "ledger_entries"."registration_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_payment_donation" ON "ledger_entries" USING btree ("payment_id","donation_id") WHERE "ledger_entries"."kind" = 'payment' and "ledger_entries"."donation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_refund" ON "ledger_entries" USING btree ("refund_id") WHERE "ledger_entries"."kind" = 'refund';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_refund_reversal" ON "ledger_entries" USING btree ("refund_id") WHERE "ledger_entries"."kind" = 'refund_reversal';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_aid_award" ON "ledger_entries" USING btree ("aid_application_id") WHERE "ledger_entries"."kind" = 'aid_award';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_payment" ON "payments" USING btree ("provider_payment_id");--> statement-breakpoint
CREATE INDEX "payments_org_received" ON "payments" USING btree ("organization_id","received_on");--> statement-breakpoint
CREATE INDEX "refunds_org_status_due" ON "refunds" USING btree ("organization_id","status","due_on");--> statement-breakpoint
CREATE INDEX "refunds_registration" ON "refunds" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_provider_refund" ON "refunds" USING btree ("provider_refund_id");--> statement-breakpoint
CREATE UNIQUE INDEX "aid_applications_registration" ON "aid_applications" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "aid_applications_course" ON "aid_applications" USING btree ("course_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "aid_reviews_one_per_reviewer" ON "aid_reviews" USING btree ("application_id","reviewer_user_id");--> statement-breakpoint
CREATE FUNCTION "ledger_entries_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are immutable: post an adjustment instead' USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION "ledger_entries_immutable"();
--> statement-breakpoint
-- Registrations made before the ledger existed: their price and discount become entries.
INSERT INTO "ledger_entries" ("organization_id", "registration_id", "kind", "amount_minor", "currency", "reason", "effective_on")
SELECT "organization_id", "id", 'charge', "base_amount_minor", "currency", 'registration fee', ("submitted_at" AT TIME ZONE 'UTC')::date
FROM "registrations" WHERE "base_amount_minor" > 0;
--> statement-breakpoint
INSERT INTO "ledger_entries" ("organization_id", "registration_id", "kind", "amount_minor", "currency", "reason", "effective_on")
SELECT "organization_id", "id", 'discount', -"discount_minor", "currency", 'discount code', ("submitted_at" AT TIME ZONE 'UTC')::date
FROM "registrations" WHERE "discount_minor" > 0;
--> statement-breakpoint
INSERT INTO "ledger_entries" ("organization_id", "registration_id", "kind", "amount_minor", "currency", "reason", "effective_on")
SELECT "organization_id", "id", 'adjustment', "balance_adjustment_minor", "currency", 'category change', ("updated_at" AT TIME ZONE 'UTC')::date
FROM "registrations" WHERE "balance_adjustment_minor" <> 0;
