-- Closes the grid versions a plan replaces or removes at its effective instant.
UPDATE grid
SET valid_to = :at, closed_by_plan = :plan
WHERE id = ANY(:ids::bigint[]) AND valid_from < :at AND valid_to > :at
