CREATE TABLE "api_tokens" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_attendance" (
	"tenant_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"pseudonym" "bytea" NOT NULL,
	"activity_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"date" date NOT NULL,
	"birth_year" smallint,
	"age_band" text,
	"wijk_code" text,
	"target_groups" text[] DEFAULT '{}' NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_attendance_tenant_id_session_id_pseudonym_pk" PRIMARY KEY("tenant_id","session_id","pseudonym")
);
--> statement-breakpoint
CREATE TABLE "reach_explanations" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_explanations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_import_mappings" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_import_mappings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_imports" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"content" "bytea",
	"mapping" jsonb,
	"accept_valid" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"new_visits" integer DEFAULT 0 NOT NULL,
	"new_sessions" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"message" text,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reach_imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_plan_choices" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"sub_goal_key" text NOT NULL,
	"activity_id" uuid,
	"activity_kind" text DEFAULT '' NOT NULL,
	"indicators" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_plan_choices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_plan_entries" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"planned_sessions" integer DEFAULT 0 NOT NULL,
	"planned_hours" numeric(8, 2) DEFAULT 0 NOT NULL,
	"sub_goals" text[] DEFAULT '{}' NOT NULL,
	"principles" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_plan_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_plan_revisions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"reason" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_plan_revisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_plan_targets" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"target_group" text DEFAULT '' NOT NULL,
	"district_code" text DEFAULT '' NOT NULL,
	"planned_residents" integer NOT NULL,
	CONSTRAINT "reach_plan_targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_plans" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"theme_slug" text NOT NULL,
	"year" integer NOT NULL,
	"period_code" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reach_session_volunteers" (
	"tenant_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"pseudonym" "bytea" NOT NULL,
	"hours" numeric(6, 2) DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_session_volunteers_tenant_id_session_id_pseudonym_pk" PRIMARY KEY("tenant_id","session_id","pseudonym")
);
--> statement-breakpoint
CREATE TABLE "reach_sessions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"activity_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"date" date NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"hours" numeric(6, 2) DEFAULT 0 NOT NULL,
	"volunteers" integer DEFAULT 0 NOT NULL,
	"volunteer_hours" numeric(8, 2) DEFAULT 0 NOT NULL,
	"principles" text[] DEFAULT '{}' NOT NULL,
	"headcount" integer DEFAULT 0 NOT NULL,
	"imported_anonymous" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'form' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reach_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "partner_organisation_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_attendance" ADD CONSTRAINT "reach_attendance_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_attendance" ADD CONSTRAINT "reach_attendance_session_fk" FOREIGN KEY ("tenant_id","session_id") REFERENCES "public"."reach_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_explanations" ADD CONSTRAINT "reach_explanations_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_explanations" ADD CONSTRAINT "reach_explanations_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_explanations" ADD CONSTRAINT "reach_explanations_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_import_mappings" ADD CONSTRAINT "reach_import_mappings_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_import_mappings" ADD CONSTRAINT "reach_import_mappings_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_imports" ADD CONSTRAINT "reach_imports_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_imports" ADD CONSTRAINT "reach_imports_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_choices" ADD CONSTRAINT "reach_plan_choices_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_choices" ADD CONSTRAINT "reach_plan_choices_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."reach_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_choices" ADD CONSTRAINT "reach_plan_choices_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_entries" ADD CONSTRAINT "reach_plan_entries_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_entries" ADD CONSTRAINT "reach_plan_entries_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."reach_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_entries" ADD CONSTRAINT "reach_plan_entries_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_entries" ADD CONSTRAINT "reach_plan_entries_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_revisions" ADD CONSTRAINT "reach_plan_revisions_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_revisions" ADD CONSTRAINT "reach_plan_revisions_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."reach_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_targets" ADD CONSTRAINT "reach_plan_targets_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plan_targets" ADD CONSTRAINT "reach_plan_targets_entry_fk" FOREIGN KEY ("tenant_id","entry_id") REFERENCES "public"."reach_plan_entries"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_plans" ADD CONSTRAINT "reach_plans_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_session_volunteers" ADD CONSTRAINT "reach_session_volunteers_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_session_volunteers" ADD CONSTRAINT "reach_session_volunteers_session_fk" FOREIGN KEY ("tenant_id","session_id") REFERENCES "public"."reach_sessions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_sessions" ADD CONSTRAINT "reach_sessions_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_sessions" ADD CONSTRAINT "reach_sessions_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_sessions" ADD CONSTRAINT "reach_sessions_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_uq" ON "api_tokens" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_user_name_uq" ON "api_tokens" USING btree ("tenant_id","user_id","name");--> statement-breakpoint
CREATE INDEX "reach_attendance_date_idx" ON "reach_attendance" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "reach_attendance_org_idx" ON "reach_attendance" USING btree ("tenant_id","organisation_id","date");--> statement-breakpoint
CREATE INDEX "reach_attendance_activity_idx" ON "reach_attendance" USING btree ("tenant_id","activity_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_explanations_uq" ON "reach_explanations" USING btree ("tenant_id","organisation_id","activity_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_import_mappings_name_uq" ON "reach_import_mappings" USING btree ("tenant_id","organisation_id","name");--> statement-breakpoint
CREATE INDEX "reach_imports_org_idx" ON "reach_imports" USING btree ("tenant_id","organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "reach_plan_choices_plan_idx" ON "reach_plan_choices" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_plan_entries_activity_org_uq" ON "reach_plan_entries" USING btree ("tenant_id","plan_id","activity_id","organisation_id");--> statement-breakpoint
CREATE INDEX "reach_plan_entries_org_idx" ON "reach_plan_entries" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_plan_revisions_version_uq" ON "reach_plan_revisions" USING btree ("tenant_id","plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_plan_targets_uq" ON "reach_plan_targets" USING btree ("tenant_id","entry_id","target_group","district_code");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_plans_theme_year_uq" ON "reach_plans" USING btree ("tenant_id","theme_slug","year");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_sessions_activity_date_uq" ON "reach_sessions" USING btree ("tenant_id","activity_id","date");--> statement-breakpoint
CREATE INDEX "reach_sessions_org_date_idx" ON "reach_sessions" USING btree ("tenant_id","organisation_id","date");--> statement-breakpoint
CREATE INDEX "reach_sessions_date_idx" ON "reach_sessions" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "activities_partner_orgs_idx" ON "activities" USING gin ("partner_organisation_ids");