CREATE TABLE "reach_visit_summary" (
	"tenant_id" text NOT NULL,
	"year" smallint NOT NULL,
	"pseudonym" "bytea" NOT NULL,
	"activity_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"wijk_code" text NOT NULL,
	"target_groups" text[] NOT NULL,
	"visits" integer NOT NULL,
	"m1" smallint NOT NULL,
	"m2" smallint NOT NULL,
	"m3" smallint NOT NULL,
	"m4" smallint NOT NULL,
	"m5" smallint NOT NULL,
	"m6" smallint NOT NULL,
	"m7" smallint NOT NULL,
	"m8" smallint NOT NULL,
	"m9" smallint NOT NULL,
	"m10" smallint NOT NULL,
	"m11" smallint NOT NULL,
	"m12" smallint NOT NULL,
	CONSTRAINT "reach_visit_summary_pk" PRIMARY KEY("tenant_id","year","pseudonym","activity_id","organisation_id","wijk_code","target_groups")
);
--> statement-breakpoint
CREATE INDEX "reach_sessions_not_held_idx" ON "reach_sessions" USING btree ("tenant_id","id") WHERE status <> 'held';