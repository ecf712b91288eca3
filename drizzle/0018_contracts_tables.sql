CREATE TABLE "contract_rounds" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"contract_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"proposal_from" date NOT NULL,
	"proposal_to" date NOT NULL,
	"conversations_from" date NOT NULL,
	"conversations_to" date NOT NULL,
	"decision_from" date NOT NULL,
	"decision_to" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_rounds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contract_rounds_windows" CHECK ("contract_rounds"."proposal_to" >= "contract_rounds"."proposal_from" and "contract_rounds"."conversations_to" >= "contract_rounds"."conversations_from" and "contract_rounds"."decision_to" >= "contract_rounds"."decision_from")
);
--> statement-breakpoint
CREATE TABLE "contract_subcontractors" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"round_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"provider_kind" text NOT NULL,
	"proposed_decision" text,
	"proposed_on" date,
	"conversation_on" date,
	"concerns" text DEFAULT '' NOT NULL,
	"wishes" text DEFAULT '' NOT NULL,
	"final_decision" text,
	"final_on" date,
	"transfer_same_worker" integer DEFAULT 0 NOT NULL,
	"transfer_new_worker" integer DEFAULT 0 NOT NULL,
	"transfer_completed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_subcontractors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contract_subcontractors_decisions" CHECK (coalesce("contract_subcontractors"."proposed_decision", 'continue') in ('continue', 'stop', 'transition') and coalesce("contract_subcontractors"."final_decision", 'continue') in ('continue', 'stop', 'transition')),
	CONSTRAINT "contract_subcontractors_transfers" CHECK ("contract_subcontractors"."transfer_same_worker" >= 0 and "contract_subcontractors"."transfer_new_worker" >= 0 and "contract_subcontractors"."transfer_completed" >= 0 and "contract_subcontractors"."transfer_completed" <= "contract_subcontractors"."transfer_same_worker" + "contract_subcontractors"."transfer_new_worker")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"contractor_organisation_id" uuid NOT NULL,
	"signed_on" date,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"source" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contracts_period" CHECK ("contracts"."ends_on" is null or "contracts"."ends_on" >= "contracts"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "contract_rounds" ADD CONSTRAINT "contract_rounds_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_rounds" ADD CONSTRAINT "contract_rounds_contract_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_subcontractors" ADD CONSTRAINT "contract_subcontractors_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_subcontractors" ADD CONSTRAINT "contract_subcontractors_round_fk" FOREIGN KEY ("tenant_id","round_id") REFERENCES "public"."contract_rounds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_subcontractors" ADD CONSTRAINT "contract_subcontractors_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_contractor_fk" FOREIGN KEY ("tenant_id","contractor_organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_rounds_contract_year_uq" ON "contract_rounds" USING btree ("tenant_id","contract_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_subcontractors_round_org_uq" ON "contract_subcontractors" USING btree ("tenant_id","round_id","organisation_id");--> statement-breakpoint
CREATE INDEX "contract_subcontractors_org_idx" ON "contract_subcontractors" USING btree ("tenant_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_tenant_name_uq" ON "contracts" USING btree ("tenant_id","name");