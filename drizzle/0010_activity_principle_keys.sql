-- Activities referred to 'wat werkt'-principles by their full text, so rewording a principle silently dropped the
-- reference. From now on they store the principle's stable key ("ontmoeten/p3"). Keys follow the position of the
-- principle among all principles of its theme (in the theme's current version), the same numbering the framework
-- uses when it reads content stored before principles had keys; content that already has keys gives its own key.
-- A text that matches no principle is left as it was (shown as is, dropped when the activity is next saved).
-- Target groups keep their codes: the codes of the old fixed list are the keys of the framework's target-group list.
WITH items AS (
  SELECT t.tenant_id,
    CASE WHEN jsonb_typeof(i.item) = 'object' THEN i.item ->> 'key'
      ELSE t.slug || '/p' || row_number() OVER (PARTITION BY t.id ORDER BY g.ord, i.ord) END AS key,
    CASE WHEN jsonb_typeof(i.item) = 'object' THEN i.item ->> 'text' ELSE i.item #>> '{}' END AS text
  FROM themes t
  JOIN theme_versions v ON v.theme_id = t.id AND v.version = t.current_version
  CROSS JOIN LATERAL jsonb_array_elements(coalesce(v.content -> 'principleGroups', '[]'::jsonb)) WITH ORDINALITY AS g(grp, ord)
  CROSS JOIN LATERAL jsonb_array_elements(coalesce(g.grp -> 'items', '[]'::jsonb)) WITH ORDINALITY AS i(item, ord)
)
UPDATE activities a
SET principles = (
  SELECT coalesce(array_agg(coalesce(m.key, p.text) ORDER BY p.ord), '{}')
  FROM unnest(a.principles) WITH ORDINALITY AS p(text, ord)
  LEFT JOIN LATERAL (SELECT items.key FROM items WHERE items.tenant_id = a.tenant_id AND items.text = p.text LIMIT 1) m ON true
)
WHERE cardinality(a.principles) > 0;
