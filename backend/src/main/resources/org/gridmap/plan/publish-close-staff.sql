-- Closes the staff versions of grids whose people the plan changes or removes.
UPDATE grid_staff
SET valid_to = :at, closed_by_plan = :plan
WHERE grid_code = ANY(:codes::text[]) AND valid_from < :at AND valid_to > :at
