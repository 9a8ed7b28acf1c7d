-- Whether an export's street or community filter names an area valid at :at, so that a
-- mistyped code answers 404 rather than an empty file.
SELECT EXISTS (SELECT 1 FROM admin_area WHERE code = :code AND valid_from <= :at AND valid_to > :at)
