-- Reports per day, week (ISO, from Monday) or month of the district's local time, for the
-- assessment charts, one series per matter, department or channel (:by, allow-listed in
-- Java), optionally within one street or community. Every bucket from the one holding :from
-- to the one holding the end of the period is listed (key NULL where it has no reports);
-- the first and last buckets may be partial.
WITH buckets AS (SELECT b AS bucket
                 FROM generate_series(date_trunc(:interval::text, :from::timestamptz AT TIME ZONE :zone::text),
                                      :to::timestamptz AT TIME ZONE :zone::text - interval '1 microsecond',
                                      ('1 ' || :interval::text)::interval) AS b),
counts AS (SELECT date_trunc(:interval::text, i.reported_at AT TIME ZONE :zone::text) AS bucket,
                  CASE :by::text
                      WHEN 'matter' THEN i.matter_code
                      WHEN 'department' THEN i.department_code
                      WHEN 'channel' THEN i.channel
                  END AS key,
                  count(*) AS reports
           FROM incident i
           WHERE i.reported_at >= :from::timestamptz AND i.reported_at < :to::timestamptz
             AND (:street::text IS NULL OR i.street_code = :street::text)
             AND (:community::text IS NULL OR i.community_code = :community::text)
           GROUP BY 1, 2)
SELECT b.bucket::date AS bucket, c.key,
       coalesce(m.name, d.name) AS name, coalesce(m.name_en, d.name_en) AS name_en,
       coalesce(c.reports, 0) AS reports
FROM buckets b
LEFT JOIN counts c ON c.bucket = b.bucket
LEFT JOIN matter m ON :by::text = 'matter' AND m.code = c.key
LEFT JOIN department d ON :by::text = 'department' AND d.code = c.key
ORDER BY b.bucket, c.key
