-- Composite keys for a distributed PostgreSQL (Citus, distributed by tenant_id): every table with tenant_id gets
-- a primary key that starts with tenant_id ((tenant_id, id) for tables with an id), references between them become
-- (tenant_id, x_id) -> (tenant_id, id), unique and exclusion constraints include tenant_id. ON DELETE SET NULL names
-- its column, so tenant_id is never set to null.
ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "password_reset_tokens_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trusted_devices" DROP CONSTRAINT "trusted_devices_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_user_id_users_id_fk";
--> statement-breakpoint
-- users.organisation_id -> organisations: not declared in the platform's schema (see 0005), made by hand here.
ALTER TABLE "users" DROP CONSTRAINT "users_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "neighbourhoods" DROP CONSTRAINT "neighbourhoods_district_id_districts_id_fk";
--> statement-breakpoint
ALTER TABLE "theme_versions" DROP CONSTRAINT "theme_versions_theme_id_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "themes" DROP CONSTRAINT "themes_call_period_id_call_periods_id_fk";
--> statement-breakpoint
ALTER TABLE "driehoek_assignments" DROP CONSTRAINT "driehoek_assignments_person_id_organisation_people_id_fk";
--> statement-breakpoint
ALTER TABLE "organisation_people" DROP CONSTRAINT "organisation_people_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_room_id_rooms_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_booked_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_decided_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "locations" DROP CONSTRAINT "locations_manager_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "room_rates" DROP CONSTRAINT "room_rates_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "rooms" DROP CONSTRAINT "rooms_location_id_locations_id_fk";
--> statement-breakpoint
DROP INDEX "trusted_devices_user_idx";--> statement-breakpoint
DROP INDEX "neighbourhoods_district_idx";--> statement-breakpoint
DROP INDEX "theme_versions_theme_version_uq";--> statement-breakpoint
DROP INDEX "driehoek_assignments_person_district_uq";--> statement-breakpoint
DROP INDEX "bookings_room_starts_idx";--> statement-breakpoint
DROP INDEX "bookings_series_idx";--> statement-breakpoint
DROP INDEX "rooms_location_name_uq";--> statement-breakpoint
ALTER TABLE "trusted_devices" DROP CONSTRAINT "trusted_devices_token_hash_email_hash_pk";--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_user_id_role_pk";--> statement-breakpoint
ALTER TABLE "login_attempts" DROP CONSTRAINT "login_attempts_pkey";--> statement-breakpoint
ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "password_reset_tokens_pkey";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_pkey";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_pkey";--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";--> statement-breakpoint
ALTER TABLE "job_schedules" DROP CONSTRAINT "job_schedules_pkey";--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_pkey";--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_pkey";--> statement-breakpoint
ALTER TABLE "call_periods" DROP CONSTRAINT "call_periods_pkey";--> statement-breakpoint
ALTER TABLE "districts" DROP CONSTRAINT "districts_pkey";--> statement-breakpoint
ALTER TABLE "neighbourhoods" DROP CONSTRAINT "neighbourhoods_pkey";--> statement-breakpoint
ALTER TABLE "theme_versions" DROP CONSTRAINT "theme_versions_pkey";--> statement-breakpoint
ALTER TABLE "themes" DROP CONSTRAINT "themes_pkey";--> statement-breakpoint
ALTER TABLE "driehoek_assignments" DROP CONSTRAINT "driehoek_assignments_pkey";--> statement-breakpoint
ALTER TABLE "organisation_people" DROP CONSTRAINT "organisation_people_pkey";--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_pkey";--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_pkey";--> statement-breakpoint
ALTER TABLE "locations" DROP CONSTRAINT "locations_pkey";--> statement-breakpoint
ALTER TABLE "room_rates" DROP CONSTRAINT "room_rates_pkey";--> statement-breakpoint
ALTER TABLE "rooms" DROP CONSTRAINT "rooms_pkey";--> statement-breakpoint
ALTER TABLE "login_attempts" ADD CONSTRAINT "login_attempts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "trusted_devices" ADD CONSTRAINT "trusted_devices_tenant_id_token_hash_email_hash_pk" PRIMARY KEY("tenant_id","token_hash","email_hash");--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_tenant_id_user_id_role_pk" PRIMARY KEY("tenant_id","user_id","role");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "job_schedules" ADD CONSTRAINT "job_schedules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "call_periods" ADD CONSTRAINT "call_periods_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "neighbourhoods" ADD CONSTRAINT "neighbourhoods_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "theme_versions" ADD CONSTRAINT "theme_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "driehoek_assignments" ADD CONSTRAINT "driehoek_assignments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "organisation_people" ADD CONSTRAINT "organisation_people_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "room_rates" ADD CONSTRAINT "room_rates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trusted_devices" ADD CONSTRAINT "trusted_devices_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE SET NULL ("organisation_id") ON UPDATE no action;--> statement-breakpoint
COMMENT ON CONSTRAINT "users_organisation_fk" ON "users" IS 'Declared by the network module (membership); not in the platform schema.';--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhoods" ADD CONSTRAINT "neighbourhoods_district_fk" FOREIGN KEY ("tenant_id","district_id") REFERENCES "public"."districts"("tenant_id","id") ON DELETE SET NULL ("district_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_versions" ADD CONSTRAINT "theme_versions_theme_fk" FOREIGN KEY ("tenant_id","theme_id") REFERENCES "public"."themes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_call_period_fk" FOREIGN KEY ("tenant_id","call_period_id") REFERENCES "public"."call_periods"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driehoek_assignments" ADD CONSTRAINT "driehoek_assignments_person_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."organisation_people"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_people" ADD CONSTRAINT "organisation_people_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_fk" FOREIGN KEY ("tenant_id","room_id") REFERENCES "public"."rooms"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_booked_by_user_fk" FOREIGN KEY ("tenant_id","booked_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("booked_by_user_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_decided_by_user_fk" FOREIGN KEY ("tenant_id","decided_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("decided_by_user_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_manager_organisation_fk" FOREIGN KEY ("tenant_id","manager_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE SET NULL ("manager_organisation_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_rates" ADD CONSTRAINT "room_rates_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trusted_devices_user_idx" ON "trusted_devices" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "neighbourhoods_district_idx" ON "neighbourhoods" USING btree ("tenant_id","district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "theme_versions_theme_version_uq" ON "theme_versions" USING btree ("tenant_id","theme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "driehoek_assignments_person_district_uq" ON "driehoek_assignments" USING btree ("tenant_id","person_id","district_code");--> statement-breakpoint
CREATE INDEX "bookings_room_starts_idx" ON "bookings" USING btree ("tenant_id","room_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_series_idx" ON "bookings" USING btree ("tenant_id","series_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_location_name_uq" ON "rooms" USING btree ("tenant_id","location_id","name");--> statement-breakpoint
-- The exclusion constraint against double booking includes the distribution column too.
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_no_overlap";--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("tenant_id" WITH =, "room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" IN ('requested', 'approved'));
--> statement-breakpoint
ALTER TABLE "framework_reports" DROP CONSTRAINT "framework_reports_pkey";--> statement-breakpoint
ALTER TABLE "framework_reports" ADD CONSTRAINT "framework_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
ALTER TABLE "framework_terms" DROP CONSTRAINT "framework_terms_pkey";--> statement-breakpoint
ALTER TABLE "framework_terms" ADD CONSTRAINT "framework_terms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id");
