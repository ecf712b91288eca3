ALTER TABLE "reach_attendance" DROP CONSTRAINT "reach_attendance_tenant_id_municipalities_code_fk";
--> statement-breakpoint
DROP INDEX "reach_attendance_org_idx";--> statement-breakpoint
DROP INDEX "reach_attendance_activity_idx";