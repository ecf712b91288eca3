CREATE TABLE "accountability_documents" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"theme_slug" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accountability_documents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accountability_events" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"snapshot" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accountability_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accountability_exports" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"theme_slug" text,
	"year" integer NOT NULL,
	"format" text NOT NULL,
	"lang" text DEFAULT 'nl' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" uuid,
	"file_name" text,
	"content_type" text,
	"content" "bytea",
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "accountability_exports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accountability_narratives" (
	"tenant_id" text NOT NULL,
	"document_id" uuid NOT NULL,
	"section" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accountability_narratives_tenant_id_document_id_section_pk" PRIMARY KEY("tenant_id","document_id","section")
);
--> statement-breakpoint
ALTER TABLE "accountability_documents" ADD CONSTRAINT "accountability_documents_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_events" ADD CONSTRAINT "accountability_events_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_events" ADD CONSTRAINT "accountability_events_document_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."accountability_documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_exports" ADD CONSTRAINT "accountability_exports_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_narratives" ADD CONSTRAINT "accountability_narratives_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_narratives" ADD CONSTRAINT "accountability_narratives_document_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."accountability_documents"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accountability_documents_theme_year_uq" ON "accountability_documents" USING btree ("tenant_id","theme_slug","year");--> statement-breakpoint
CREATE INDEX "accountability_events_document_idx" ON "accountability_events" USING btree ("tenant_id","document_id","created_at");--> statement-breakpoint
CREATE INDEX "accountability_exports_requested_idx" ON "accountability_exports" USING btree ("tenant_id","requested_by","created_at");