-- One portion of checked CSV rows into the staging table, as parallel arrays.
INSERT INTO import_row
SELECT *
FROM unnest(:ord::int[], :trackingCode::text[], :matter::text[], :description::text[], :address::text[],
            :status::text[], :reportedAt::timestamptz[], :closedAt::timestamptz[], :lon::float8[], :lat::float8[],
            :reporterName::text[], :reporterPhone::text[])
