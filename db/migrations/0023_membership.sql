CREATE TABLE "course_membership_grants" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"type_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"grace_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_settings_grace" CHECK ("membership_settings"."grace_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "membership_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"user_id" text,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"renewal" boolean DEFAULT false NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"dues_minor" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"granted_by_course_id" uuid,
	"granted_by_registration_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text,
	CONSTRAINT "membership_terms_dates" CHECK ("membership_terms"."ends_on" >= "membership_terms"."starts_on"),
	CONSTRAINT "membership_terms_dues" CHECK ("membership_terms"."dues_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "membership_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"dues" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"term" text DEFAULT 'calendar_year' NOT NULL,
	"pro_rating" text DEFAULT 'none' NOT NULL,
	"eligibility" text DEFAULT '' NOT NULL,
	"benefits" text DEFAULT '' NOT NULL,
	"grants_member_prices" boolean DEFAULT true NOT NULL,
	"complimentary" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_one_account";--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD COLUMN "membership_term_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "membership_term_id" uuid;--> statement-breakpoint
ALTER TABLE "course_membership_grants" ADD CONSTRAINT "course_membership_grants_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_membership_grants" ADD CONSTRAINT "course_membership_grants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_membership_grants" ADD CONSTRAINT "course_membership_grants_type_id_membership_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."membership_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_reminders" ADD CONSTRAINT "membership_reminders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_reminders" ADD CONSTRAINT "membership_reminders_term_id_membership_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."membership_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_settings" ADD CONSTRAINT "membership_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_type_id_membership_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."membership_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_granted_by_course_id_courses_id_fk" FOREIGN KEY ("granted_by_course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_granted_by_registration_id_registrations_id_fk" FOREIGN KEY ("granted_by_registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_types" ADD CONSTRAINT "membership_types_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "membership_reminders_once" ON "membership_reminders" USING btree ("term_id","kind");--> statement-breakpoint
CREATE INDEX "membership_terms_org_email" ON "membership_terms" USING btree ("organization_id",lower("email"));--> statement-breakpoint
CREATE INDEX "membership_terms_user" ON "membership_terms" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "membership_terms_org_ends" ON "membership_terms" USING btree ("organization_id","status","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_types_org_key" ON "membership_types" USING btree ("organization_id","key");--> statement-breakpoint
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_membership_term_id_membership_terms_id_fk" FOREIGN KEY ("membership_term_id") REFERENCES "public"."membership_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_membership_term_id_membership_terms_id_fk" FOREIGN KEY ("membership_term_id") REFERENCES "public"."membership_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkout_lines_membership_term" ON "checkout_lines" USING btree ("membership_term_id");--> statement-breakpoint
CREATE INDEX "ledger_membership_term" ON "ledger_entries" USING btree ("membership_term_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_payment_membership_term" ON "ledger_entries" USING btree ("payment_id","membership_term_id") WHERE "ledger_entries"."kind" = 'payment' and "ledger_entries"."membership_term_id" is not null;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_one_account" CHECK (num_nonnulls("ledger_entries"."registration_id", "ledger_entries"."donation_id", "ledger_entries"."series_enrollment_id", "ledger_entries"."membership_term_id") = 1);