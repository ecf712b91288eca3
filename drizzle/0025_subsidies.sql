CREATE TABLE "subsidy_applications" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"table_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"submitted_version" integer,
	"submitted_at" timestamp with time zone,
	"return_comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_applications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_assessments" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"conclusion" text NOT NULL,
	"agreed_by" text NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsidy_assessments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_assessors" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"call_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organisation_id" uuid,
	"assigned_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_assessors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_budget_lines" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"wage_cents" bigint DEFAULT 0 NOT NULL,
	"other_cents" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_budget_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_calls" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"period_code" text NOT NULL,
	"title" text NOT NULL,
	"application_deadline" date NOT NULL,
	"decision_deadline" date NOT NULL,
	"opened_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_calls_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_conflicts" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"table_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_conflicts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_decision_years" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"decision_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"wage_cents" bigint DEFAULT 0 NOT NULL,
	"other_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "subsidy_decision_years_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_decisions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"grant_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"year" integer,
	"basis_points" integer,
	"reason" text DEFAULT '' NOT NULL,
	"decided_on" date NOT NULL,
	"decided_by" text NOT NULL,
	"delta_cents" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_grants" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"call_id" uuid NOT NULL,
	"application_id" uuid,
	"organisation_id" uuid NOT NULL,
	"theme_slug" text,
	"reference" text NOT NULL,
	"joint" boolean NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"reporting" text DEFAULT '' NOT NULL,
	"advances" text DEFAULT 'quarterly' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_grants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_revisions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"actor_name" text NOT NULL,
	"organisation_id" uuid,
	"what" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"before" text DEFAULT '' NOT NULL,
	"after" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_revisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_scores" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assessor_name" text NOT NULL,
	"criterion_key" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_scores_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_sections" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"organisation_id" uuid,
	"status" text DEFAULT 'todo' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"updated_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_sections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_sroi_measures" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"grant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"places" integer NOT NULL,
	"value_cents" bigint DEFAULT 0 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_sroi_measures_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_submissions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"return_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "subsidy_submissions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_table_members" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"table_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_table_members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_table_notes" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"table_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"attendees" text DEFAULT '' NOT NULL,
	"text" text NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_table_notes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subsidy_tables" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"call_id" uuid NOT NULL,
	"theme_slug" text NOT NULL,
	"ceiling_cents" bigint DEFAULT 0 NOT NULL,
	"chair_kind" text DEFAULT 'municipality' NOT NULL,
	"chair_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_tables_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."subsidy_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_assessments" ADD CONSTRAINT "subsidy_assessments_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_assessments" ADD CONSTRAINT "subsidy_assessments_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."subsidy_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_assessors" ADD CONSTRAINT "subsidy_assessors_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_assessors" ADD CONSTRAINT "subsidy_assessors_call_fk" FOREIGN KEY ("tenant_id","call_id") REFERENCES "public"."subsidy_calls"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_budget_lines" ADD CONSTRAINT "subsidy_budget_lines_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_budget_lines" ADD CONSTRAINT "subsidy_budget_lines_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."subsidy_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_calls" ADD CONSTRAINT "subsidy_calls_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_conflicts" ADD CONSTRAINT "subsidy_conflicts_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_conflicts" ADD CONSTRAINT "subsidy_conflicts_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."subsidy_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_decision_years" ADD CONSTRAINT "subsidy_decision_years_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_decision_years" ADD CONSTRAINT "subsidy_decision_years_decision_fk" FOREIGN KEY ("tenant_id","decision_id") REFERENCES "public"."subsidy_decisions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_decisions" ADD CONSTRAINT "subsidy_decisions_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_decisions" ADD CONSTRAINT "subsidy_decisions_grant_fk" FOREIGN KEY ("tenant_id","grant_id") REFERENCES "public"."subsidy_grants"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_grants" ADD CONSTRAINT "subsidy_grants_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_grants" ADD CONSTRAINT "subsidy_grants_call_fk" FOREIGN KEY ("tenant_id","call_id") REFERENCES "public"."subsidy_calls"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_grants" ADD CONSTRAINT "subsidy_grants_org_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_revisions" ADD CONSTRAINT "subsidy_revisions_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_revisions" ADD CONSTRAINT "subsidy_revisions_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."subsidy_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_scores" ADD CONSTRAINT "subsidy_scores_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_scores" ADD CONSTRAINT "subsidy_scores_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."subsidy_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_sections" ADD CONSTRAINT "subsidy_sections_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_sections" ADD CONSTRAINT "subsidy_sections_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."subsidy_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_sroi_measures" ADD CONSTRAINT "subsidy_sroi_measures_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_sroi_measures" ADD CONSTRAINT "subsidy_sroi_grant_fk" FOREIGN KEY ("tenant_id","grant_id") REFERENCES "public"."subsidy_grants"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_submissions" ADD CONSTRAINT "subsidy_submissions_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_submissions" ADD CONSTRAINT "subsidy_submissions_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."subsidy_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_table_members" ADD CONSTRAINT "subsidy_table_members_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_table_members" ADD CONSTRAINT "subsidy_table_members_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."subsidy_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_table_members" ADD CONSTRAINT "subsidy_table_members_org_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_table_notes" ADD CONSTRAINT "subsidy_table_notes_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_table_notes" ADD CONSTRAINT "subsidy_table_notes_table_fk" FOREIGN KEY ("tenant_id","table_id") REFERENCES "public"."subsidy_tables"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_tables" ADD CONSTRAINT "subsidy_tables_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_tables" ADD CONSTRAINT "subsidy_tables_call_fk" FOREIGN KEY ("tenant_id","call_id") REFERENCES "public"."subsidy_calls"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_applications_table_uq" ON "subsidy_applications" USING btree ("tenant_id","table_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_assessments_uq" ON "subsidy_assessments" USING btree ("tenant_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_assessors_uq" ON "subsidy_assessors" USING btree ("tenant_id","call_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_budget_lines_uq" ON "subsidy_budget_lines" USING btree ("tenant_id","application_id","organisation_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_calls_period_uq" ON "subsidy_calls" USING btree ("tenant_id","period_code");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_conflicts_uq" ON "subsidy_conflicts" USING btree ("tenant_id","table_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_decision_years_uq" ON "subsidy_decision_years" USING btree ("tenant_id","decision_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_decisions_number_uq" ON "subsidy_decisions" USING btree ("tenant_id","grant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_grants_reference_uq" ON "subsidy_grants" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE INDEX "subsidy_grants_org_idx" ON "subsidy_grants" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "subsidy_grants_call_idx" ON "subsidy_grants" USING btree ("tenant_id","call_id");--> statement-breakpoint
CREATE INDEX "subsidy_revisions_application_idx" ON "subsidy_revisions" USING btree ("tenant_id","application_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_scores_uq" ON "subsidy_scores" USING btree ("tenant_id","application_id","user_id","criterion_key");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_sections_key_uq" ON "subsidy_sections" USING btree ("tenant_id","application_id","key");--> statement-breakpoint
CREATE INDEX "subsidy_sroi_grant_idx" ON "subsidy_sroi_measures" USING btree ("tenant_id","grant_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_submissions_version_uq" ON "subsidy_submissions" USING btree ("tenant_id","application_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_table_members_uq" ON "subsidy_table_members" USING btree ("tenant_id","table_id","organisation_id");--> statement-breakpoint
CREATE INDEX "subsidy_table_members_org_idx" ON "subsidy_table_members" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "subsidy_table_notes_table_idx" ON "subsidy_table_notes" USING btree ("tenant_id","table_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_tables_theme_uq" ON "subsidy_tables" USING btree ("tenant_id","call_id","theme_slug");