-- Hand-written (custom migration): copies submitted_at onto the answers and fills the running totals of survey results (survey_response_tallies,
-- survey_answer_tallies; src/modules/effects/result-tally.ts) from the responses stored before they existed.
-- The same statements as recountTallies() in result-tally.ts, for every survey of every municipality.
UPDATE "survey_answers" a SET "submitted_at" = r.submitted_at FROM "survey_responses" r WHERE r.tenant_id = a.tenant_id AND r.id = a.response_id AND a.submitted_at IS NULL;--> statement-breakpoint
INSERT INTO "survey_response_tallies" ("tenant_id", "survey_id", "channel", "activity", "district", "target", "month", "n")
SELECT r.tenant_id, r.survey_id, r.channel, coalesce(r.activity_id::text, ''), coalesce(r.district_code, ''), coalesce(r.target_group, ''), to_char(r.answered_on, 'YYYY-MM'), count(*)::int
FROM "survey_responses" r
GROUP BY 1, 2, 3, 4, 5, 6, 7
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "survey_answer_tallies" ("tenant_id", "survey_id", "question_id", "channel", "activity", "district", "target", "month", "key", "place", "n", "total")
SELECT a.tenant_id, a.survey_id, a.question_id, r.channel, coalesce(r.activity_id::text, ''), coalesce(r.district_code, ''), coalesce(r.target_group, ''), to_char(r.answered_on, 'YYYY-MM'), x.key, x.place, count(*)::int, coalesce(sum(x.total), 0)::bigint
FROM "survey_answers" a
JOIN "survey_responses" r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
CROSS JOIN LATERAL (
  SELECT '' AS key, 0::smallint AS place, 0 AS total
  UNION ALL SELECT a.value_number::text, 0::smallint, a.value_number WHERE a.value_number IS NOT NULL
  UNION ALL SELECT a.value_option, 0::smallint, 0 WHERE a.value_option IS NOT NULL
  UNION ALL SELECT o.key, o.place::smallint, cardinality(a.value_options) - o.place::int FROM unnest(a.value_options) WITH ORDINALITY AS o(key, place)
) x
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
ON CONFLICT DO NOTHING;
