CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"kind" text DEFAULT 'activity' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"sub_goals" text[] DEFAULT '{}' NOT NULL,
	"principles" text[] DEFAULT '{}' NOT NULL,
	"target_groups" text[] DEFAULT '{}' NOT NULL,
	"district_code" text,
	"neighbourhood_code" text,
	"location_id" uuid,
	"location_name" text DEFAULT '' NOT NULL,
	"location_address" text DEFAULT '' NOT NULL,
	"schedule_kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"weekdays" integer[] DEFAULT '{}' NOT NULL,
	"until_date" date,
	"rrule" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"last_ends_at" timestamp with time zone,
	"days" integer[] DEFAULT '{}' NOT NULL,
	"dayparts" text[] DEFAULT '{}' NOT NULL,
	"cost_cents" integer DEFAULT 0 NOT NULL,
	"is_free" boolean DEFAULT true NOT NULL,
	"haarlem_pas" text DEFAULT 'none' NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"accessibility_details" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"how_to_join" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"seed_key" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce(description, '')), 'B') || setweight(to_tsvector('dutch'::regconfig, coalesce(location_name, '')), 'C')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_search_idx" ON "activities" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "activities_list_idx" ON "activities" USING btree ("tenant_id","status","starts_at","title","id");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "activities_location_idx" ON "activities" USING btree ("tenant_id","location_id");--> statement-breakpoint
CREATE INDEX "activities_district_idx" ON "activities" USING btree ("tenant_id","district_code","neighbourhood_code");--> statement-breakpoint
CREATE INDEX "activities_themes_idx" ON "activities" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "activities_target_groups_idx" ON "activities" USING gin ("target_groups");--> statement-breakpoint
CREATE INDEX "activities_languages_idx" ON "activities" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "activities_days_idx" ON "activities" USING gin ("days");--> statement-breakpoint
CREATE INDEX "activities_seed_key_idx" ON "activities" USING btree ("tenant_id","seed_key");