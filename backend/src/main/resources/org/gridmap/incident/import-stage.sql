-- Staging table for one CSV import: rows land here first (checked in Java already) and are
-- moved into incident in one statement, inside the import's transaction.
CREATE TEMP TABLE import_row (
    ord            integer,
    tracking_code  text,
    matter         text,
    description    text,
    address        text,
    status         text,
    reported_at    timestamptz,
    closed_at      timestamptz,
    lon            double precision,
    lat            double precision,
    reporter_name  text,
    reporter_phone text
) ON COMMIT DROP
