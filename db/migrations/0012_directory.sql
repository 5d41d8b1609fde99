CREATE TABLE "group_listing_leaders" (
	"listing_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"receives_messages" boolean DEFAULT false NOT NULL,
	CONSTRAINT "group_listing_leaders_listing_id_user_id_pk" PRIMARY KEY("listing_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "group_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"format" text NOT NULL,
	"rotating_leader" boolean DEFAULT false NOT NULL,
	"professions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cadence" text NOT NULL,
	"weekday" integer NOT NULL,
	"week_of_month" integer,
	"start_time" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"time_zone" text NOT NULL,
	"starts_on" date NOT NULL,
	"place_name" text DEFAULT '' NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"cost_minor" integer,
	"currency" text DEFAULT 'USD' NOT NULL,
	"cost_note" text DEFAULT '' NOT NULL,
	"enrollment" text DEFAULT 'open' NOT NULL,
	"how_to_join" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"withdrawn_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_listings_weekday" CHECK ("group_listings"."weekday" between 1 and 7),
	CONSTRAINT "group_listings_duration" CHECK ("group_listings"."duration_minutes" > 0 and "group_listings"."duration_minutes" <= 720),
	CONSTRAINT "group_listings_cost" CHECK ("group_listings"."cost_minor" is null or "group_listings"."cost_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "leader_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"course_id" uuid,
	"completed_on" date,
	"verified_at" timestamp with time zone,
	"verified_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "parent_organization_id" uuid;--> statement-breakpoint
ALTER TABLE "group_listing_leaders" ADD CONSTRAINT "group_listing_leaders_listing_id_group_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."group_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_listing_leaders" ADD CONSTRAINT "group_listing_leaders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_listings" ADD CONSTRAINT "group_listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_trainings" ADD CONSTRAINT "leader_trainings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_trainings" ADD CONSTRAINT "leader_trainings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_trainings" ADD CONSTRAINT "leader_trainings_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_listing_leaders_user" ON "group_listing_leaders" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_listings_slug" ON "group_listings" USING btree ("organization_id","slug");--> statement-breakpoint
CREATE INDEX "group_listings_org_public" ON "group_listings" USING btree ("organization_id","approved_at");--> statement-breakpoint
CREATE INDEX "leader_trainings_user" ON "leader_trainings" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "leader_trainings_org" ON "leader_trainings" USING btree ("organization_id","verified_at");--> statement-breakpoint
CREATE UNIQUE INDEX "leader_trainings_course" ON "leader_trainings" USING btree ("organization_id","user_id","course_id") WHERE "leader_trainings"."course_id" is not null;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_organization_id_organizations_id_fk" FOREIGN KEY ("parent_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;