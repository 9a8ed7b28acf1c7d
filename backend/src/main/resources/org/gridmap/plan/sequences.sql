-- The highest grid sequence ever used in each community (any version, past or planned),
-- so that the code plan never hands out a code that history already knows.
SELECT community_code, max(right(code, 3)::int) AS highest
FROM grid
WHERE community_code = ANY(:communities::text[])
GROUP BY community_code
