CREATE TABLE "framework_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "driehoek_assignments" ADD COLUMN "wijk_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "type_confirmed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "framework_reports" ADD CONSTRAINT "framework_reports_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_terms" ADD CONSTRAINT "framework_terms_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "framework_reports_tenant_code_uq" ON "framework_reports" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_terms_tenant_kind_key_uq" ON "framework_terms" USING btree ("tenant_id","kind","key");