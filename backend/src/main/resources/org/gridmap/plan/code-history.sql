-- For codes given explicitly to new grids: is one held by a grid live at the instant, or
-- was it used before?
SELECT code, bool_or(valid_from <= :at AND valid_to > :at) AS live, true AS used
FROM grid
WHERE code = ANY(:codes::text[])
GROUP BY code
