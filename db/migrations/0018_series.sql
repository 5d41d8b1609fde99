CREATE TABLE "group_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"title" text NOT NULL,
	"first_session_on" date NOT NULL,
	"session_count" integer NOT NULL,
	"price_minor" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"minimum" integer NOT NULL,
	"maximum" integer NOT NULL,
	"closes_after_session" integer DEFAULT 1 NOT NULL,
	"decide_by" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_series_sessions" CHECK ("group_series"."session_count" between 1 and 52),
	CONSTRAINT "group_series_price" CHECK ("group_series"."price_minor" >= 0),
	CONSTRAINT "group_series_places" CHECK ("group_series"."minimum" >= 1 and "group_series"."maximum" >= "group_series"."minimum" and "group_series"."maximum" <= 200),
	CONSTRAINT "group_series_closes" CHECK ("group_series"."closes_after_session" between 1 and "group_series"."session_count")
);
--> statement-breakpoint
CREATE TABLE "series_enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_one_account";--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD COLUMN "series_enrollment_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "series_enrollment_id" uuid;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "series_enrollment_id" uuid;--> statement-breakpoint
ALTER TABLE "group_series" ADD CONSTRAINT "group_series_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_series" ADD CONSTRAINT "group_series_listing_id_group_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."group_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_enrollments" ADD CONSTRAINT "series_enrollments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_enrollments" ADD CONSTRAINT "series_enrollments_series_id_group_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."group_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_enrollments" ADD CONSTRAINT "series_enrollments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_series_listing" ON "group_series" USING btree ("listing_id","first_session_on");--> statement-breakpoint
CREATE INDEX "group_series_org_status" ON "group_series" USING btree ("organization_id","status","decide_by");--> statement-breakpoint
CREATE INDEX "series_enrollments_series" ON "series_enrollments" USING btree ("series_id","status");--> statement-breakpoint
CREATE INDEX "series_enrollments_user" ON "series_enrollments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "series_enrollments_one_per_email" ON "series_enrollments" USING btree ("series_id",lower("email")) WHERE "series_enrollments"."status" = 'enrolled';--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_series_enrollment_id_series_enrollments_id_fk" FOREIGN KEY ("series_enrollment_id") REFERENCES "public"."series_enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_series_enrollment_id_series_enrollments_id_fk" FOREIGN KEY ("series_enrollment_id") REFERENCES "public"."series_enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_series_enrollment_id_series_enrollments_id_fk" FOREIGN KEY ("series_enrollment_id") REFERENCES "public"."series_enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_lines_series_enrollment" ON "checkout_lines" USING btree ("series_enrollment_id");--> statement-breakpoint
CREATE INDEX "ledger_series_enrollment" ON "ledger_entries" USING btree ("series_enrollment_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_payment_series_enrollment" ON "ledger_entries" USING btree ("payment_id","series_enrollment_id") WHERE "ledger_entries"."kind" = 'payment' and "ledger_entries"."series_enrollment_id" is not null;--> statement-breakpoint
CREATE INDEX "refunds_series_enrollment" ON "refunds" USING btree ("series_enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_series_cancelled" ON "refunds" USING btree ("series_enrollment_id") WHERE "refunds"."reason" = 'series_cancelled';--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_one_account" CHECK (num_nonnulls("ledger_entries"."registration_id", "ledger_entries"."donation_id", "ledger_entries"."series_enrollment_id") = 1);