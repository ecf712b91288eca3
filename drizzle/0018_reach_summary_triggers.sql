-- The reach report's summary (reach_visit_summary, see schema.ts) kept equal to the aggregate of reach_attendance
-- over HELD sessions, in the same transaction as every write, by triggers: whoever writes (import, API, the forms, the
-- demo generator, re-keying, a session cancelled or held again, a session deleted with its attendance, raw SQL) keeps
-- the summary right. Hand-written (drizzle-kit does not generate functions and triggers).
--
-- reach_visit_summary_apply(rows, sign, only_held): adds (sign 1) or subtracts (sign -1) attendance rows, grouped
-- per summary row; with only_held, not the rows of a session that exists and is not held (when attendance is deleted
-- with its session, by the cascade, the session is already gone: those rows were counted, as the session was held —
-- a session that is not held first has its attendance deleted by reach_sessions_summary_delete, while it still
-- exists). Rows left with 0 visits are deleted.
-- The upsert goes in key order, so two transactions that touch the same summary rows lock them in the same order.
CREATE FUNCTION reach_visit_summary_apply(changed reach_attendance[], sign integer, only_held boolean) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO reach_visit_summary AS t (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups,
    sign * count(*),
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 1))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 2))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 3))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 4))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 5))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 6))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 7))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 8))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 9))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 10))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 11))::smallint,
    (sign * count(*) FILTER (WHERE date_part('month', a.date) = 12))::smallint
  FROM unnest(changed) AS a
  WHERE NOT only_held OR NOT EXISTS (SELECT 1 FROM reach_sessions s WHERE s.tenant_id = a.tenant_id AND s.id = a.session_id AND s.status <> 'held')
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT reach_visit_summary_pk DO UPDATE SET visits = t.visits + excluded.visits, m1 = t.m1 + excluded.m1, m2 = t.m2 + excluded.m2, m3 = t.m3 + excluded.m3, m4 = t.m4 + excluded.m4, m5 = t.m5 + excluded.m5, m6 = t.m6 + excluded.m6, m7 = t.m7 + excluded.m7, m8 = t.m8 + excluded.m8, m9 = t.m9 + excluded.m9, m10 = t.m10 + excluded.m10, m11 = t.m11 + excluded.m11, m12 = t.m12 + excluded.m12;
  DELETE FROM reach_visit_summary t
  USING (SELECT DISTINCT a.tenant_id, date_part('year', a.date)::smallint AS year, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, '') AS wijk_code, a.target_groups FROM unnest(changed) AS a) k
  WHERE sign < 0 AND t.visits <= 0
    AND t.tenant_id = k.tenant_id AND t.year = k.year AND t.pseudonym = k.pseudonym AND t.activity_id = k.activity_id
    AND t.organisation_id = k.organisation_id AND t.wijk_code = k.wijk_code AND t.target_groups = k.target_groups;
$$;
--> statement-breakpoint
CREATE FUNCTION reach_attendance_summary_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reach_visit_summary_apply(ARRAY(SELECT n::reach_attendance FROM new_rows n), 1, true);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reach_attendance_summary_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reach_visit_summary_apply(ARRAY(SELECT o::reach_attendance FROM old_rows o), -1, true);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reach_attendance_summary_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reach_visit_summary_apply(ARRAY(SELECT o::reach_attendance FROM old_rows o), -1, true);
  PERFORM reach_visit_summary_apply(ARRAY(SELECT n::reach_attendance FROM new_rows n), 1, true);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A session that stops being held takes its visits out of the summary; one held again brings them back.
CREATE FUNCTION reach_sessions_summary_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_sessions n JOIN old_sessions o ON o.tenant_id = n.tenant_id AND o.id = n.id WHERE (o.status = 'held') <> (n.status = 'held')) THEN
    PERFORM reach_visit_summary_apply(ARRAY(
      SELECT a FROM reach_attendance a JOIN new_sessions n ON a.tenant_id = n.tenant_id AND a.session_id = n.id JOIN old_sessions o ON o.tenant_id = n.tenant_id AND o.id = n.id
      WHERE o.status = 'held' AND n.status <> 'held'), -1, false);
    PERFORM reach_visit_summary_apply(ARRAY(
      SELECT a FROM reach_attendance a JOIN new_sessions n ON a.tenant_id = n.tenant_id AND a.session_id = n.id JOIN old_sessions o ON o.tenant_id = n.tenant_id AND o.id = n.id
      WHERE o.status <> 'held' AND n.status = 'held'), 1, false);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A session that is not held and is deleted: its attendance goes first, while the session still shows it was not
-- held (those visits are not in the summary); a held session's attendance goes by the cascade (see above).
CREATE FUNCTION reach_sessions_summary_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM reach_attendance WHERE tenant_id = OLD.tenant_id AND session_id = OLD.id;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER reach_attendance_summary_insert AFTER INSERT ON reach_attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reach_attendance_summary_insert();
--> statement-breakpoint
CREATE TRIGGER reach_attendance_summary_delete AFTER DELETE ON reach_attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reach_attendance_summary_delete();
--> statement-breakpoint
CREATE TRIGGER reach_attendance_summary_update AFTER UPDATE ON reach_attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reach_attendance_summary_update();
--> statement-breakpoint
CREATE TRIGGER reach_sessions_summary_update AFTER UPDATE ON reach_sessions REFERENCING OLD TABLE AS old_sessions NEW TABLE AS new_sessions FOR EACH STATEMENT EXECUTE FUNCTION reach_sessions_summary_update();
--> statement-breakpoint
CREATE TRIGGER reach_sessions_summary_delete BEFORE DELETE ON reach_sessions FOR EACH ROW WHEN (OLD.status <> 'held') EXECUTE FUNCTION reach_sessions_summary_delete();
--> statement-breakpoint
-- What is already stored (the rows of the municipalities the migrating connection may see).
INSERT INTO reach_visit_summary (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups,
  count(*),
  (count(*) FILTER (WHERE date_part('month', a.date) = 1))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 2))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 3))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 4))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 5))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 6))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 7))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 8))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 9))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 10))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 11))::smallint,
    (count(*) FILTER (WHERE date_part('month', a.date) = 12))::smallint
FROM reach_attendance a
JOIN reach_sessions s ON s.tenant_id = a.tenant_id AND s.id = a.session_id AND s.status = 'held'
GROUP BY 1, 2, 3, 4, 5, 6, 7;
