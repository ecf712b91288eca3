CREATE TABLE "effects_complaint_types" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"key" text NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"deadline_days" integer NOT NULL,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effects_complaint_types_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "effects_complaints" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"type_key" text NOT NULL,
	"received_date" date NOT NULL,
	"subject" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"decision_reference" text DEFAULT '' NOT NULL,
	"handler_user_id" uuid,
	"organisation_id" uuid,
	"activity_id" uuid,
	"theme_slug" text,
	"status" text DEFAULT 'received' NOT NULL,
	"decision" text,
	"decision_text" text DEFAULT '' NOT NULL,
	"decided_date" date,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"extension_reason" text DEFAULT '' NOT NULL,
	"complainant_name" text DEFAULT '' NOT NULL,
	"complainant_contact" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effects_complaints_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "effects_stories" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"story_date" date NOT NULL,
	"photo" "bytea",
	"photo_type" text,
	"photo_alt" text DEFAULT '' NOT NULL,
	"consent_media" text[] DEFAULT '{}' NOT NULL,
	"consent_uses" text[] DEFAULT '{}' NOT NULL,
	"consent_until" date,
	"consent_recorded_by" uuid,
	"consent_recorded_at" timestamp with time zone,
	"theme_slug" text,
	"sub_goals" text[] DEFAULT '{}' NOT NULL,
	"principles" text[] DEFAULT '{}' NOT NULL,
	"district_code" text,
	"activity_id" uuid,
	"checked_at" timestamp with time zone,
	"reviewer_user_id" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text DEFAULT '' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effects_stories_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "effects_terms" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"list" text NOT NULL,
	"key" text NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effects_terms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "effects_trajectories" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"pseudonym" "bytea" NOT NULL,
	"kind_key" text NOT NULL,
	"theme_slug" text NOT NULL,
	"sub_goals" text[] DEFAULT '{}' NOT NULL,
	"wijk_code" text,
	"district_code" text,
	"start_date" date NOT NULL,
	"goals" text[] DEFAULT '{}' NOT NULL,
	"end_date" date,
	"ending_reason_key" text,
	"result" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "effects_trajectories_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "effects_trajectory_scores" (
	"tenant_id" text NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"domain_key" text NOT NULL,
	"start_score" smallint,
	"end_score" smallint,
	CONSTRAINT "effects_trajectory_scores_tenant_id_trajectory_id_domain_key_pk" PRIMARY KEY("tenant_id","trajectory_id","domain_key")
);
--> statement-breakpoint
ALTER TABLE "effects_complaint_types" ADD CONSTRAINT "effects_complaint_types_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_complaints" ADD CONSTRAINT "effects_complaints_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_stories" ADD CONSTRAINT "effects_stories_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_stories" ADD CONSTRAINT "effects_stories_org_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_terms" ADD CONSTRAINT "effects_terms_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_trajectories" ADD CONSTRAINT "effects_trajectories_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_trajectories" ADD CONSTRAINT "effects_trajectories_org_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_trajectory_scores" ADD CONSTRAINT "effects_trajectory_scores_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "effects_trajectory_scores" ADD CONSTRAINT "effects_trajectory_scores_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."effects_trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "effects_complaint_types_key_uq" ON "effects_complaint_types" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "effects_complaints_org_idx" ON "effects_complaints" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "effects_complaints_received_idx" ON "effects_complaints" USING btree ("tenant_id","received_date");--> statement-breakpoint
CREATE INDEX "effects_stories_org_idx" ON "effects_stories" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "effects_stories_status_idx" ON "effects_stories" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "effects_terms_list_key_uq" ON "effects_terms" USING btree ("tenant_id","list","key");--> statement-breakpoint
CREATE INDEX "effects_trajectories_org_idx" ON "effects_trajectories" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "effects_trajectories_end_idx" ON "effects_trajectories" USING btree ("tenant_id","end_date");