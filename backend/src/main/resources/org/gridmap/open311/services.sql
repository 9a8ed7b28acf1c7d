-- The admitted-matters list as Open311 services: one service per matter, its code the
-- service_code, grouped by the department that owns it. Chinese name as service_name; the
-- English name leads the description and is the keyword, for clients that show English.
SELECT m.code,
       m.name,
       m.name_en,
       coalesce(m.name_en || ' — ', '') || coalesce(m.description, m.name) AS description,
       d.name AS department
FROM matter m
JOIN department d ON d.code = m.department_code
WHERE (:code::text IS NULL OR m.code = :code)
ORDER BY m.code
