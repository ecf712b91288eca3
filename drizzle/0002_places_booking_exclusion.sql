-- No double booking, enforced by the database: two active bookings (requested or approved) of the same
-- room may not overlap in time. Ranges are half-open [start, end), so back-to-back slots are allowed.
-- A pending request holds the slot (first come, first served); declined or cancelled bookings free it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" IN ('requested', 'approved'));
