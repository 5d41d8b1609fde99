DROP INDEX "membership_terms_user";--> statement-breakpoint
CREATE INDEX "membership_terms_user_org" ON "membership_terms" USING btree ("user_id","organization_id");