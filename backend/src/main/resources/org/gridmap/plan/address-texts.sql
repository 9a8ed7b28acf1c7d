-- The texts of the addresses an impact report lists (one page of the moved ones).
SELECT id, address FROM address WHERE id = ANY(:ids::bigint[])
