CREATE TABLE "registration_confirmations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "address_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "confirmation_lapsed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registration_confirmations" ADD CONSTRAINT "registration_confirmations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_confirmations_registration" ON "registration_confirmations" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "registrations_unconfirmed" ON "registrations" USING btree ("confirm_by") WHERE "registrations"."address_confirmed_at" is null and "registrations"."confirm_by" is not null;--> statement-breakpoint
-- Registrations made before confirmation by email existed are confirmed (ADR 0047).
UPDATE "registrations" SET "address_confirmed_at" = "submitted_at" WHERE "address_confirmed_at" IS NULL;
