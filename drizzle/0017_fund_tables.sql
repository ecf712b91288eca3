CREATE TABLE "fund_applications" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"fund_year_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"who_we_are" text DEFAULT '' NOT NULL,
	"what_we_do" text DEFAULT '' NOT NULL,
	"for_whom" text DEFAULT '' NOT NULL,
	"requested_cents" bigint,
	"guaranteed_cents" bigint DEFAULT 0 NOT NULL,
	"contact_user_id" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"granted_cents" bigint,
	"letter_text" text DEFAULT '' NOT NULL,
	"decided_on" date,
	"decided_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_applications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fund_applications_status_valid" CHECK ("fund_applications"."status" in ('draft', 'submitted', 'decided')),
	CONSTRAINT "fund_applications_amounts_non_negative" CHECK (coalesce("fund_applications"."requested_cents", 0) >= 0 and coalesce("fund_applications"."granted_cents", 0) >= 0 and "fund_applications"."guaranteed_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_extra_budgets" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"conversation_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"agreed_cents" bigint NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_extra_budgets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fund_extra_budgets_non_negative" CHECK ("fund_extra_budgets"."agreed_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_payments" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"application_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fund_payments_positive" CHECK ("fund_payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "fund_support" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"fund_year_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"given_on" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_support_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fund_support_kind_valid" CHECK ("fund_support"."kind" in ('fundraising', 'network-meeting', 'training'))
);
--> statement-breakpoint
CREATE TABLE "fund_years" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"budget_cents" bigint NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"decision_deadline" date NOT NULL,
	"manager_organisation_id" uuid,
	"source" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_years_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "fund_years_budget_non_negative" CHECK ("fund_years"."budget_cents" >= 0),
	CONSTRAINT "fund_years_window" CHECK ("fund_years"."closes_on" >= "fund_years"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_year_fk" FOREIGN KEY ("tenant_id","fund_year_id") REFERENCES "public"."fund_years"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_extra_budgets" ADD CONSTRAINT "fund_extra_budgets_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_extra_budgets" ADD CONSTRAINT "fund_extra_budgets_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."fund_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_application_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."fund_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_support" ADD CONSTRAINT "fund_support_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_support" ADD CONSTRAINT "fund_support_year_fk" FOREIGN KEY ("tenant_id","fund_year_id") REFERENCES "public"."fund_years"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_support" ADD CONSTRAINT "fund_support_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_years" ADD CONSTRAINT "fund_years_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_years" ADD CONSTRAINT "fund_years_manager_fk" FOREIGN KEY ("tenant_id","manager_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fund_applications_year_org_uq" ON "fund_applications" USING btree ("tenant_id","fund_year_id","organisation_id");--> statement-breakpoint
CREATE INDEX "fund_applications_org_idx" ON "fund_applications" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE INDEX "fund_extra_budgets_application_idx" ON "fund_extra_budgets" USING btree ("tenant_id","application_id");--> statement-breakpoint
CREATE INDEX "fund_payments_application_idx" ON "fund_payments" USING btree ("tenant_id","application_id");--> statement-breakpoint
CREATE INDEX "fund_support_year_org_idx" ON "fund_support" USING btree ("tenant_id","fund_year_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_years_tenant_year_uq" ON "fund_years" USING btree ("tenant_id","year");