-- Incidents partitioned by the month they were reported (declarative range partitioning on
-- reported_at), so that a time window (the dispatcher's list, the assessment of a month,
-- hotspots and tiles of a year) reads only its months, and old months can be detached and
-- archived whole instead of deleted row by row (docs/scaling.md, "Partitioned incidents").
--
-- What a partitioned table cannot have, and what stands in for it:
--   * Its primary key must contain the partition key: (id, reported_at). id stays unique
--     through incident_key below, and still comes from one identity sequence.
--   * No unique index across partitions, so tracking_code cannot be UNIQUE on incident:
--     incident_key (id PRIMARY KEY, tracking_code UNIQUE, reported_at) holds one row per
--     incident, kept by triggers. It is both the global uniqueness and the router: an id or
--     a tracking code gives reported_at, and reported_at picks the one partition to read.
--   * Foreign keys into a partitioned table must name the whole key (id, reported_at), which
--     the timeline, photos, idempotency rows and duplicate_of do not carry. They reference
--     incident_key (id) instead, and incident (id) references incident_key (id) as well:
--     the database refuses a step, photo or idempotency row without a registered id, and an
--     incident without its key; the triggers below add and remove the keys with the rows.
--     A bonus: with nothing referencing incident itself, detaching a month needs no
--     foreign-key scan of the referencing tables.
--
-- incident_event stays one table. Its rows are found by incident_id (the timeline of one
-- incident, the assessment's probes per incident), never by a time window of their own;
-- partitioning it by the incident's month would need that month on every event row and in
-- every join to prune anything, and one incident's steps span months. A month's steps are
-- dumped with it by incident id (see the docs); the table can be partitioned the same way
-- later if its size asks for it.
--
-- Months are months in China Standard Time (Asia/Shanghai, the default GRIDMAP_TIME_ZONE),
-- so an assessment month [1st 00:00, next 1st 00:00) reads exactly one partition. A DEFAULT
-- partition catches any report whose month has no partition yet: a report is never refused.
-- Partitions are made ahead by gridmap_ensure_incident_partitions (here for the rows
-- present, by the service on start and daily for the months around now).

-- 1. The registry of ids and tracking codes.
CREATE TABLE incident_key (
    id            bigint      PRIMARY KEY,
    tracking_code text        NOT NULL UNIQUE,
    reported_at   timestamptz NOT NULL
);

-- 2. The old table is set aside under another name, without what would clash with the new
-- table's names (indexes and the identity sequence are relations: their names are taken).
CREATE TEMP TABLE v10_incident_sequence ON COMMIT DROP AS
SELECT last_value, is_called FROM incident_id_seq;

ALTER TABLE incident RENAME TO incident_v9;
DO $$
DECLARE
    fk record;
BEGIN
    -- Every foreign key that points at the old table (timeline, photos, idempotency rows,
    -- duplicate_of), whatever its name: they are made again against incident_key below.
    FOR fk IN SELECT conrelid::regclass AS rel, conname FROM pg_constraint
              WHERE contype = 'f' AND confrelid = 'incident_v9'::regclass LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.rel, fk.conname);
    END LOOP;
    -- And all of its own constraints, so that the new table's get the same names as before
    -- (PostgreSQL would otherwise number them: incident_status_check1).
    FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = 'incident_v9'::regclass LOOP
        EXECUTE format('ALTER TABLE incident_v9 DROP CONSTRAINT %I', fk.conname);
    END LOOP;
END
$$;
ALTER TABLE incident_v9 ALTER COLUMN id DROP IDENTITY;
DROP INDEX incident_geom_idx, incident_public_geom_idx, incident_status_idx, incident_grid_idx,
    incident_matter_idx, incident_duplicate_of_idx, incident_reported_geom_idx, incident_public_xy_idx;

-- 3. The partitioned table: the same columns in the same order, checks and defaults.
CREATE TABLE incident (
    id                bigint      GENERATED ALWAYS AS IDENTITY,
    tracking_code     text        NOT NULL CHECK (tracking_code ~ '^[A-Z0-9-]{6,40}$'),
    matter_code       text        NOT NULL REFERENCES matter (code),
    department_code   text        NOT NULL REFERENCES department (code),
    description       text        NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    address           text        CHECK (length(address) <= 300),
    channel           text        NOT NULL CHECK (channel IN ('app', 'wechat', 'hotline', 'grid_worker', 'open311',
                                                              'import', 'other')),
    status            text        NOT NULL DEFAULT 'reported'
                                  CHECK (status IN ('reported', 'registered', 'rejected', 'dispatched', 'handling',
                                                    'handled', 'verified', 'closed')),
    reported_at       timestamptz NOT NULL DEFAULT now(),
    deadline          timestamptz NOT NULL,
    closed_at         timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer     NOT NULL DEFAULT 1,
    -- Grid, community and street as of reported_at; NULL grid means outside every grid.
    grid_code         text,
    community_code    text,
    street_code       text,
    assigned_worker   text,
    geom              geometry(Point, 4326) NOT NULL,
    public_geom       geometry(Point, 4326) NOT NULL,
    -- Private: never in a public output.
    reporter_name     text        CHECK (length(reporter_name) <= 100),
    reporter_phone    text        CHECK (reporter_phone ~ '^[0-9+() -]{3,30}$'),
    reporter_email    text        CHECK (length(reporter_email) <= 200),
    reject_reason     text        CHECK (reject_reason IN ('invalid', 'duplicate', 'not_our_matter')),
    duplicate_of      bigint,
    satisfaction      smallint    CHECK (satisfaction BETWEEN 1 AND 5),
    satisfaction_note text        CHECK (length(satisfaction_note) <= 1000),
    CHECK (deadline > reported_at),
    PRIMARY KEY (id, reported_at)
) PARTITION BY RANGE (reported_at);

CREATE TABLE incident_default PARTITION OF incident DEFAULT;

-- The partition of the month (China Standard Time) that holds an instant, by name:
-- incident_y2026m03. Names only; whether it exists is pg_inherits' to say.
CREATE FUNCTION gridmap_incident_partition_name(at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT 'incident_' || to_char(at AT TIME ZONE 'Asia/Shanghai', '"y"YYYY"m"MM')
$$;

-- gridmap_ensure_incident_partitions(from_at, to_at): makes the monthly partitions of every
-- month from the one holding from_at to the one holding to_at that is missing, and returns
-- how many it made. A month that has none is a no-op costing a catalogue read and no lock,
-- so the service calls it freely. Creating a partition takes an ACCESS EXCLUSIVE lock on
-- incident for a moment (and scans the default partition, which is normally empty); an
-- advisory lock serialises instances that start together. Rows of the month already caught
-- by the default partition (strays) are moved into the new partition in the same
-- transaction, since PostgreSQL refuses to create a partition whose rows sit in the default.
CREATE FUNCTION gridmap_ensure_incident_partitions(from_at timestamptz, to_at timestamptz) RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    zone       constant text := 'Asia/Shanghai';
    month_from timestamptz := date_trunc('month', from_at, zone);
    month_to   timestamptz;
    name       text;
    made       integer := 0;
BEGIN
    IF from_at IS NULL OR to_at IS NULL OR to_at < from_at THEN
        RETURN 0;
    END IF;
    -- A typo in a year must not make thousands of tables.
    IF to_at - from_at > interval '25 years' THEN
        RAISE EXCEPTION 'gridmap_ensure_incident_partitions: % to % spans more than 25 years', from_at, to_at
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WHILE month_from <= to_at LOOP
        month_to := (month_from AT TIME ZONE zone + interval '1 month') AT TIME ZONE zone;
        name := gridmap_incident_partition_name(month_from);
        IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                       WHERE i.inhparent = 'incident'::regclass AND c.relname = name) THEN
            PERFORM pg_advisory_xact_lock(hashtext('gridmap_incident_partitions'));
            -- Another instance may have made it while this one waited.
            IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                           WHERE i.inhparent = 'incident'::regclass AND c.relname = name) THEN
                IF EXISTS (SELECT 1 FROM incident_default WHERE reported_at >= month_from AND reported_at < month_to)
                THEN
                    -- The rows only change partition: their keys stay, so the key triggers
                    -- stand aside (the foreign key from incident to incident_key still checks).
                    PERFORM set_config('gridmap.incident_key_sync', 'off', true);
                    CREATE TEMP TABLE gridmap_incident_strays (LIKE incident) ON COMMIT DROP;
                    WITH moved AS (DELETE FROM incident_default
                                   WHERE reported_at >= month_from AND reported_at < month_to RETURNING *)
                    INSERT INTO gridmap_incident_strays SELECT * FROM moved;
                    EXECUTE format('CREATE TABLE %I PARTITION OF incident FOR VALUES FROM (%L) TO (%L)',
                                   name, month_from, month_to);
                    EXECUTE format('INSERT INTO %I SELECT * FROM gridmap_incident_strays', name);
                    DROP TABLE gridmap_incident_strays;
                    PERFORM set_config('gridmap.incident_key_sync', 'on', true);
                ELSE
                    EXECUTE format('CREATE TABLE %I PARTITION OF incident FOR VALUES FROM (%L) TO (%L)',
                                   name, month_from, month_to);
                END IF;
                made := made + 1;
            END IF;
        END IF;
        month_from := month_to;
    END LOOP;
    RETURN made;
END
$$;

-- 4. The rows move: partitions for every month that has reports, and for the months around
-- now that the service would make on start (no more: a stray 2001 test row must not make
-- three hundred empty months). Then the keys, the rows, and the sequence where it was.
DO $$
DECLARE
    month timestamptz;
BEGIN
    FOR month IN SELECT DISTINCT date_trunc('month', reported_at, 'Asia/Shanghai') FROM incident_v9 LOOP
        PERFORM gridmap_ensure_incident_partitions(month, month);
    END LOOP;
    PERFORM gridmap_ensure_incident_partitions(now() - interval '1 month', now() + interval '3 months');
END
$$;

INSERT INTO incident_key (id, tracking_code, reported_at)
SELECT id, tracking_code, reported_at FROM incident_v9;
INSERT INTO incident OVERRIDING SYSTEM VALUE SELECT * FROM incident_v9;
SELECT setval(pg_get_serial_sequence('incident', 'id'), last_value, is_called) FROM v10_incident_sequence;
DROP TABLE incident_v9;

-- 5. Keys and indexes, built once over the loaded rows. Each index on the parent is made on
-- every partition (and on partitions made later). Lookups by id or tracking code go through
-- incident_key to reported_at, which prunes to one partition; there its primary key
-- (id, reported_at) answers. The other indexes are those of V2, V3 and V9.
ALTER TABLE incident
    ADD CONSTRAINT incident_id_fkey FOREIGN KEY (id) REFERENCES incident_key (id),
    ADD CONSTRAINT incident_duplicate_of_fkey FOREIGN KEY (duplicate_of) REFERENCES incident_key (id);
ALTER TABLE incident_event
    ADD CONSTRAINT incident_event_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incident_key (id);
ALTER TABLE incident_photo
    ADD CONSTRAINT incident_photo_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incident_key (id);
ALTER TABLE idempotency_key
    ADD CONSTRAINT idempotency_key_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incident_key (id);

CREATE INDEX incident_geom_idx ON incident USING gist (geom);
CREATE INDEX incident_public_geom_idx ON incident USING gist (public_geom);
CREATE INDEX incident_status_idx ON incident (status, deadline);
CREATE INDEX incident_grid_idx ON incident (grid_code, reported_at);
CREATE INDEX incident_matter_idx ON incident (matter_code, reported_at);
CREATE INDEX incident_duplicate_of_idx ON incident (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX incident_reported_geom_idx ON incident (reported_at) INCLUDE (geom);
CREATE INDEX incident_public_xy_idx ON incident (ST_X(public_geom), ST_Y(public_geom))
    INCLUDE (public_geom, id, matter_code, status, reported_at, closed_at);

-- 6. incident_key follows incident: a new report registers its id and code before its row is
-- stored (so a taken tracking code fails as before, as a unique violation), a deleted report
-- frees them (refused, as before, while its timeline or photos point at it). id, tracking
-- code and report time are facts of the report and never change: changing reported_at would
-- also move the row to another partition behind the registry's back.
-- gridmap.incident_key_sync = 'off' lets a transaction move rows between partitions, or
-- bulk-load keys itself (ScaledDataset), without the row-by-row bookkeeping; the foreign
-- key incident (id) → incident_key still refuses any row whose key is missing.
CREATE FUNCTION incident_key_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('gridmap.incident_key_sync', true) = 'off' THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO incident_key (id, tracking_code, reported_at) VALUES (NEW.id, NEW.tracking_code, NEW.reported_at);
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.id <> OLD.id OR NEW.tracking_code <> OLD.tracking_code OR NEW.reported_at <> OLD.reported_at THEN
            RAISE EXCEPTION 'incident %: id, tracking_code and reported_at do not change', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    DELETE FROM incident_key WHERE id = OLD.id;
    RETURN OLD;
END
$$;
CREATE TRIGGER incident_key_insert BEFORE INSERT ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_key_sync();
CREATE TRIGGER incident_key_fixed BEFORE UPDATE OF id, tracking_code, reported_at ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_key_sync();
CREATE TRIGGER incident_key_delete AFTER DELETE ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_key_sync();

-- 7. Archived months: a second partitioned table of the same shape, off the working set.
-- gridmap_archive_incident_month moves a month's partition here, so that the list, the
-- map, the statistics and the tiles no longer plan or scan it, while the public tracking
-- of its codes (track.sql reads both, pruned through incident_key to the one month) and
-- any deliberate query still can. From here a month is dumped and dropped
-- (docs/scaling.md, "Partitioned incidents"). No default partition: nothing is reported
-- into the archive.
CREATE TABLE incident_archived (LIKE incident INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (reported_at);

-- gridmap_archive_incident_month(month): detaches the partition of the month holding
-- `month` from incident and attaches it to incident_archived, renamed
-- incident_archived_yYYYYmMM (so that the live name is free again, should reports of that
-- month ever come in); returns the new name. DETACH … CONCURRENTLY is not possible while
-- incident has a DEFAULT partition (a PostgreSQL rule), so this is a plain DETACH: it takes
-- an ACCESS EXCLUSIVE lock on incident, but only for a catalogue change (nothing references
-- incident itself, so there is no foreign-key scan), and lock_timeout makes it give up
-- rather than queue behind a long query and hold up every report behind it; retry then.
-- Attaching checks the month's rows against the archive's bounds, a scan of the month that
-- blocks nothing live.
CREATE FUNCTION gridmap_archive_incident_month(month timestamptz) RETURNS text
    LANGUAGE plpgsql
AS $$
DECLARE
    zone       constant text := 'Asia/Shanghai';
    month_from timestamptz := date_trunc('month', month, zone);
    month_to   timestamptz := (date_trunc('month', month, zone) AT TIME ZONE zone + interval '1 month') AT TIME ZONE zone;
    live       text := gridmap_incident_partition_name(month);
    archived   text := 'incident_archived_' || substr(gridmap_incident_partition_name(month), 10);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                   WHERE i.inhparent = 'incident'::regclass AND c.relname = live) THEN
        RAISE EXCEPTION 'incident has no partition %', live USING ERRCODE = 'undefined_table';
    END IF;
    PERFORM set_config('lock_timeout', '5s', true);
    EXECUTE format('ALTER TABLE incident DETACH PARTITION %I', live);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', live, archived);
    EXECUTE format('ALTER TABLE incident_archived ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   archived, month_from, month_to);
    RETURN archived;
END
$$;

ANALYZE incident_key;
ANALYZE incident;
