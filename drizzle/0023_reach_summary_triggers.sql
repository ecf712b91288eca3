-- The reach report's summary (reach_visit_summary, see schema.ts) kept equal to the aggregate of reach_attendance
-- over HELD sessions, in the same transaction as every write, by triggers: whoever writes (the import, the API, the
-- forms, the demo generator, re-keying, a session cancelled or held again, a session deleted with its attendance,
-- plain SQL) keeps the summary right. Hand-written: drizzle-kit does not generate functions and triggers.
--
-- Each trigger adds (sign 1) or subtracts (sign -1) the attendance rows it concerns, grouped per summary row, in one
-- upsert in key order (two transactions that touch the same summary rows lock them in the same order), and deletes
-- summary rows left with 0 visits. Attendance rows count when their session is held: not when the session exists
-- and is not held (reach_sessions_not_held_idx finds those few). When attendance goes with its session (the
-- cascade), the session is gone already: the rows were counted, as the session was held — a session that is not
-- held first has its attendance deleted by reach_sessions_summary_delete, while it still shows it was not held.
CREATE FUNCTION reach_attendance_summary_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reach_visit_summary AS t (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups, sum(a.sign)::int,
    coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 1), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 2), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 3), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 4), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 5), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 6), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 7), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 8), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 9), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 10), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 11), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 12), 0)::smallint
  FROM (SELECT n.tenant_id, n.session_id, n.date, n.pseudonym, n.activity_id, n.organisation_id, n.wijk_code, n.target_groups, 1 AS sign FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM reach_sessions s WHERE s.tenant_id = n.tenant_id AND s.id = n.session_id AND s.status <> 'held')) AS a
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT reach_visit_summary_pk DO UPDATE SET visits = t.visits + excluded.visits, m1 = t.m1 + excluded.m1, m2 = t.m2 + excluded.m2, m3 = t.m3 + excluded.m3, m4 = t.m4 + excluded.m4, m5 = t.m5 + excluded.m5, m6 = t.m6 + excluded.m6, m7 = t.m7 + excluded.m7, m8 = t.m8 + excluded.m8, m9 = t.m9 + excluded.m9, m10 = t.m10 + excluded.m10, m11 = t.m11 + excluded.m11, m12 = t.m12 + excluded.m12;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reach_attendance_summary_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reach_visit_summary AS t (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups, sum(a.sign)::int,
    coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 1), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 2), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 3), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 4), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 5), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 6), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 7), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 8), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 9), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 10), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 11), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 12), 0)::smallint
  FROM (SELECT o.tenant_id, o.session_id, o.date, o.pseudonym, o.activity_id, o.organisation_id, o.wijk_code, o.target_groups, -1 AS sign FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM reach_sessions s WHERE s.tenant_id = o.tenant_id AND s.id = o.session_id AND s.status <> 'held')) AS a
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT reach_visit_summary_pk DO UPDATE SET visits = t.visits + excluded.visits, m1 = t.m1 + excluded.m1, m2 = t.m2 + excluded.m2, m3 = t.m3 + excluded.m3, m4 = t.m4 + excluded.m4, m5 = t.m5 + excluded.m5, m6 = t.m6 + excluded.m6, m7 = t.m7 + excluded.m7, m8 = t.m8 + excluded.m8, m9 = t.m9 + excluded.m9, m10 = t.m10 + excluded.m10, m11 = t.m11 + excluded.m11, m12 = t.m12 + excluded.m12;
  DELETE FROM reach_visit_summary t
  USING (SELECT DISTINCT a.tenant_id, date_part('year', a.date)::smallint AS year, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, '') AS wijk_code, a.target_groups FROM old_rows a) k
  WHERE t.visits <= 0 AND t.tenant_id = k.tenant_id AND t.year = k.year AND t.pseudonym = k.pseudonym AND t.activity_id = k.activity_id
    AND t.organisation_id = k.organisation_id AND t.wijk_code = k.wijk_code AND t.target_groups = k.target_groups;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reach_attendance_summary_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reach_visit_summary AS t (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups, sum(a.sign)::int,
    coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 1), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 2), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 3), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 4), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 5), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 6), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 7), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 8), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 9), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 10), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 11), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 12), 0)::smallint
  FROM (SELECT o.tenant_id, o.session_id, o.date, o.pseudonym, o.activity_id, o.organisation_id, o.wijk_code, o.target_groups, -1 AS sign FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM reach_sessions s WHERE s.tenant_id = o.tenant_id AND s.id = o.session_id AND s.status <> 'held') UNION ALL SELECT n.tenant_id, n.session_id, n.date, n.pseudonym, n.activity_id, n.organisation_id, n.wijk_code, n.target_groups, 1 AS sign FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM reach_sessions s WHERE s.tenant_id = n.tenant_id AND s.id = n.session_id AND s.status <> 'held')) AS a
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT reach_visit_summary_pk DO UPDATE SET visits = t.visits + excluded.visits, m1 = t.m1 + excluded.m1, m2 = t.m2 + excluded.m2, m3 = t.m3 + excluded.m3, m4 = t.m4 + excluded.m4, m5 = t.m5 + excluded.m5, m6 = t.m6 + excluded.m6, m7 = t.m7 + excluded.m7, m8 = t.m8 + excluded.m8, m9 = t.m9 + excluded.m9, m10 = t.m10 + excluded.m10, m11 = t.m11 + excluded.m11, m12 = t.m12 + excluded.m12;
  DELETE FROM reach_visit_summary t
  USING (SELECT DISTINCT a.tenant_id, date_part('year', a.date)::smallint AS year, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, '') AS wijk_code, a.target_groups FROM old_rows a) k
  WHERE t.visits <= 0 AND t.tenant_id = k.tenant_id AND t.year = k.year AND t.pseudonym = k.pseudonym AND t.activity_id = k.activity_id
    AND t.organisation_id = k.organisation_id AND t.wijk_code = k.wijk_code AND t.target_groups = k.target_groups;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A session that stops being held takes its visits out of the summary; one held again brings them back.
CREATE FUNCTION reach_sessions_summary_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_sessions n JOIN old_sessions o ON o.tenant_id = n.tenant_id AND o.id = n.id WHERE (o.status = 'held') <> (n.status = 'held')) THEN
    RETURN NULL;
  END IF;
  INSERT INTO reach_visit_summary AS t (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups, sum(a.sign)::int,
    coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 1), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 2), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 3), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 4), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 5), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 6), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 7), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 8), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 9), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 10), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 11), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 12), 0)::smallint
  FROM (SELECT r.tenant_id, r.session_id, r.date, r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups, CASE WHEN n.status = 'held' THEN 1 ELSE -1 END AS sign FROM reach_attendance r JOIN new_sessions n ON r.tenant_id = n.tenant_id AND r.session_id = n.id JOIN old_sessions o ON o.tenant_id = n.tenant_id AND o.id = n.id WHERE (o.status = 'held') <> (n.status = 'held')) AS a
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT reach_visit_summary_pk DO UPDATE SET visits = t.visits + excluded.visits, m1 = t.m1 + excluded.m1, m2 = t.m2 + excluded.m2, m3 = t.m3 + excluded.m3, m4 = t.m4 + excluded.m4, m5 = t.m5 + excluded.m5, m6 = t.m6 + excluded.m6, m7 = t.m7 + excluded.m7, m8 = t.m8 + excluded.m8, m9 = t.m9 + excluded.m9, m10 = t.m10 + excluded.m10, m11 = t.m11 + excluded.m11, m12 = t.m12 + excluded.m12;
  DELETE FROM reach_visit_summary t
  USING (SELECT DISTINCT a.tenant_id, date_part('year', a.date)::smallint AS year, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, '') AS wijk_code, a.target_groups FROM (SELECT r.* FROM reach_attendance r JOIN new_sessions n ON r.tenant_id = n.tenant_id AND r.session_id = n.id JOIN old_sessions o ON o.tenant_id = n.tenant_id AND o.id = n.id WHERE o.status = 'held' AND n.status <> 'held') a) k
  WHERE t.visits <= 0 AND t.tenant_id = k.tenant_id AND t.year = k.year AND t.pseudonym = k.pseudonym AND t.activity_id = k.activity_id
    AND t.organisation_id = k.organisation_id AND t.wijk_code = k.wijk_code AND t.target_groups = k.target_groups;
  RETURN NULL;
END $$;
--> statement-breakpoint
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
  INSERT INTO reach_visit_summary AS t (tenant_id, year, pseudonym, activity_id, organisation_id, wijk_code, target_groups, visits, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT a.tenant_id, date_part('year', a.date)::smallint, a.pseudonym, a.activity_id, a.organisation_id, coalesce(a.wijk_code, ''), a.target_groups, sum(a.sign)::int,
    coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 1), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 2), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 3), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 4), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 5), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 6), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 7), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 8), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 9), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 10), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 11), 0)::smallint, coalesce(sum(a.sign) FILTER (WHERE date_part('month', a.date) = 12), 0)::smallint
  FROM (SELECT x.tenant_id, x.session_id, x.date, x.pseudonym, x.activity_id, x.organisation_id, x.wijk_code, x.target_groups, 1 AS sign FROM reach_attendance x WHERE NOT EXISTS (SELECT 1 FROM reach_sessions s WHERE s.tenant_id = x.tenant_id AND s.id = x.session_id AND s.status <> 'held')) AS a
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT reach_visit_summary_pk DO UPDATE SET visits = t.visits + excluded.visits, m1 = t.m1 + excluded.m1, m2 = t.m2 + excluded.m2, m3 = t.m3 + excluded.m3, m4 = t.m4 + excluded.m4, m5 = t.m5 + excluded.m5, m6 = t.m6 + excluded.m6, m7 = t.m7 + excluded.m7, m8 = t.m8 + excluded.m8, m9 = t.m9 + excluded.m9, m10 = t.m10 + excluded.m10, m11 = t.m11 + excluded.m11, m12 = t.m12 + excluded.m12;
