CREATE TABLE "survey_answer_tallies" (
	"tenant_id" text NOT NULL,
	"survey_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"activity" text NOT NULL,
	"district" text NOT NULL,
	"target" text NOT NULL,
	"month" text NOT NULL,
	"key" text NOT NULL,
	"place" smallint NOT NULL,
	"n" integer NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "survey_answer_tallies_pk" PRIMARY KEY("tenant_id","survey_id","question_id","channel","activity","district","target","month","key","place")
);
--> statement-breakpoint
CREATE TABLE "survey_response_tallies" (
	"tenant_id" text NOT NULL,
	"survey_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"activity" text NOT NULL,
	"district" text NOT NULL,
	"target" text NOT NULL,
	"month" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "survey_response_tallies_pk" PRIMARY KEY("tenant_id","survey_id","channel","activity","district","target","month")
);
--> statement-breakpoint
DROP INDEX "survey_answers_number_idx";--> statement-breakpoint
DROP INDEX "survey_answers_question_idx";--> statement-breakpoint
ALTER TABLE "survey_answers" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_answer_tallies" ADD CONSTRAINT "survey_answer_tallies_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer_tallies" ADD CONSTRAINT "survey_answer_tallies_survey_fk" FOREIGN KEY ("tenant_id","survey_id") REFERENCES "public"."surveys"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer_tallies" ADD CONSTRAINT "survey_answer_tallies_question_fk" FOREIGN KEY ("tenant_id","question_id") REFERENCES "public"."survey_questions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response_tallies" ADD CONSTRAINT "survey_response_tallies_tenant_id_municipalities_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response_tallies" ADD CONSTRAINT "survey_response_tallies_survey_fk" FOREIGN KEY ("tenant_id","survey_id") REFERENCES "public"."surveys"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answers_question_idx" ON "survey_answers" USING btree ("tenant_id","survey_id","question_id","submitted_at" DESC NULLS LAST,"id");