-- Appends entries to a plan's log, numbered after the last one (the plan row is locked).
INSERT INTO plan_change (plan_id, seq, kind, author, note, grids, base_versions, body)
SELECT :plan, (SELECT coalesce(max(seq), 0) FROM plan_change WHERE plan_id = :plan) + e.ord,
       e.kind, e.author, e.note, ARRAY(SELECT jsonb_array_elements_text(e.grids::jsonb)), e.base_versions::jsonb,
       e.body::jsonb
FROM unnest(:kind::text[], :author::text[], :note::text[], :grids::text[], :baseVersions::text[], :body::text[])
         WITH ORDINALITY AS e(kind, author, note, grids, base_versions, body, ord)
RETURNING seq, kind, author, at, note, grids, base_versions::text AS base_versions, body::text AS body
