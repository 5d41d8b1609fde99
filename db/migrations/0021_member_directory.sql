CREATE TABLE "directory_consents" (
	"user_id" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"show_name" boolean DEFAULT false NOT NULL,
	"show_credentials" boolean DEFAULT false NOT NULL,
	"show_city" boolean DEFAULT false NOT NULL,
	"show_profession" boolean DEFAULT false NOT NULL,
	"show_training" boolean DEFAULT false NOT NULL,
	"show_leader_status" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_consents_organization_id_user_id_pk" PRIMARY KEY("organization_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "directory_consents" ADD CONSTRAINT "directory_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_consents" ADD CONSTRAINT "directory_consents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;