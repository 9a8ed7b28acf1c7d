-- The audit log: every write to what users and staff change (reports and their workflow,
-- grids and their staff, plans, stations, the catalogue), who made it, when, and the row
-- before and after, in one append-only table that admins read (GET /api/v1/audit,
-- docs/operations.md).
--
-- Rows are written by the database itself, by generic row-level AFTER triggers
-- (gridmap_audit_enable(table) below), so that no write path can forget them and a write
-- that rolls back leaves no audit row. Who: the service puts the authenticated principal,
-- or 'anonymous', into the session setting gridmap.actor (and the request into
-- gridmap.request) on the connection that serves a write request, and resets both when it
-- gives the connection back (org.gridmap.audit); a write with neither is a system job's
-- ('system'), or manual SQL's (the database role is recorded as well).
--
-- Bulk work (a plan taking effect moves thousands of addresses and open incidents, the
-- in-memory index reassigns a million rows, CSV imports, demo loads) sets
-- gridmap.audit = 'summary' (or gridmap.bulk = 'on', which silences the notify triggers
-- too) for its transaction: the row triggers stay quiet and the job writes one summary row
-- through gridmap_audit_summary() instead.
--
-- Append-only: UPDATE, DELETE and TRUNCATE of audit_log raise, and the privileges to do
-- them are revoked, from PUBLIC and from the owner itself. A superuser, or the owner after
-- granting itself the privileges back and disabling the trigger, can still bypass both:
-- production runs the service as a role that owns nothing (docs/operations.md).

CREATE TABLE audit_log (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The transaction's time (now()): every row of one write shares it.
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    -- The database role that wrote, for writes made outside the service.
    db_user        text        NOT NULL DEFAULT current_user,
    action         text        NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'truncate', 'summary')),
    table_name     text        NOT NULL,
    -- The row's primary key as text (id, or code for the catalogue); NULL for truncate.
    row_key        text,
    -- insert: after only; delete: before only; update: the columns that changed, both sides.
    before         jsonb,
    after          jsonb,
    -- 'POST /api/v1/incidents' and the service's request id, when a request wrote it.
    request        text,
    request_id     text,
    transaction_id bigint      NOT NULL DEFAULT txid_current()
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id DESC);
CREATE INDEX audit_log_row_idx ON audit_log (table_name, row_key, id DESC);

CREATE FUNCTION gridmap_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION gridmap_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_audit_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

-- Who wrote: the request's principal, else 'system'.
CREATE FUNCTION gridmap_audit_actor() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('gridmap.actor', true), ''), 'system')
$$;

-- Whether row triggers stand aside: for a bulk job that writes its own summary row, and
-- while incidents only change partition (gridmap.incident_key_sync = 'off', V10: a month's
-- partition being made moves its strays out of the default one; nothing changes).
CREATE FUNCTION gridmap_audit_quiet() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT current_setting('gridmap.audit', true) = 'summary' OR current_setting('gridmap.bulk', true) = 'on'
        OR current_setting('gridmap.incident_key_sync', true) = 'off'
$$;

-- The row trigger. Arguments: the logical table name (a partition's rows are reported under
-- their parent's name), the key column, then columns left out of before/after (photo
-- bytes: megabytes of pixels say nothing an audit needs).
CREATE FUNCTION gridmap_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    changed_before jsonb;
    changed_after jsonb;
    skip text[] := TG_ARGV[2:];
    key_value text;
BEGIN
    IF gridmap_audit_quiet() THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        old_row := to_jsonb(OLD) - skip;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_row := to_jsonb(NEW) - skip;
    END IF;
    key_value := coalesce(new_row, old_row) ->> TG_ARGV[1];
    IF TG_OP = 'UPDATE' THEN
        SELECT jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, n.value)
        INTO changed_before, changed_after
        FROM jsonb_each(old_row) o JOIN jsonb_each(new_row) n USING (key)
        WHERE o.value IS DISTINCT FROM n.value;
        IF changed_before IS NULL THEN
            RETURN NULL; -- nothing changed
        END IF;
        old_row := changed_before;
        new_row := changed_after;
    END IF;
    INSERT INTO audit_log (actor, action, table_name, row_key, before, after, request, request_id)
    VALUES (gridmap_audit_actor(), lower(TG_OP), TG_ARGV[0],
            key_value, old_row, new_row,
            nullif(current_setting('gridmap.request', true), ''),
            nullif(current_setting('gridmap.request_id', true), ''));
    RETURN NULL;
END
$$;

CREATE FUNCTION gridmap_audit_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF gridmap_audit_quiet() THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (actor, action, table_name, request, request_id)
    VALUES (gridmap_audit_actor(), 'truncate', TG_ARGV[0], nullif(current_setting('gridmap.request', true), ''),
            nullif(current_setting('gridmap.request_id', true), ''));
    RETURN NULL;
END
$$;

-- gridmap_audit_enable(table, key, skip...): audits every insert, update and delete of a
-- table (and truncate, as one row), now and, for a partitioned table, in every partition
-- made later. Idempotent.
CREATE FUNCTION gridmap_audit_enable(tbl regclass, key_column text DEFAULT 'id', VARIADIC skip text[] DEFAULT '{}')
    RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    name text := (SELECT relname FROM pg_class WHERE oid = tbl);
    args text := array_to_string(ARRAY(SELECT quote_literal(a) FROM unnest(ARRAY[name, key_column] || skip) a), ', ');
BEGIN
    EXECUTE format('DROP TRIGGER IF EXISTS audit_row ON %s', tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS audit_truncate ON %s', tbl);
    EXECUTE format('CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION gridmap_audit_row(%s)', tbl, args);
    EXECUTE format('CREATE TRIGGER audit_truncate AFTER TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_audit_truncate(%s)', tbl, args);
END
$$;

-- gridmap_audit_summary(action description, table, key, details): the one row a bulk job
-- writes for all the rows it changed quietly, e.g.
-- ('plan 12 took effect', 'address', '12', '{"moved": 1840}'). Returns its id.
CREATE FUNCTION gridmap_audit_summary(what text, table_name text, row_key text, details jsonb)
    RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO audit_log (actor, action, table_name, row_key, after, request, request_id)
    VALUES (gridmap_audit_actor(), 'summary', table_name, row_key,
            jsonb_build_object('summary', what) || coalesce(details, '{}'),
            nullif(current_setting('gridmap.request', true), ''),
            nullif(current_setting('gridmap.request_id', true), ''))
    RETURNING id
$$;

-- What users and staff write. Not audited: incident_key (a mirror of incident's keys),
-- idempotency_key (stored responses to retried reports), the road network's vertices
-- (derived from its edges), and the road network itself, whose import is audited as one
-- summary row. The users table (V11) is audited after it exists: SELECT
-- gridmap_audit_enable('users').
SELECT gridmap_audit_enable('incident');
SELECT gridmap_audit_enable('incident_event');
SELECT gridmap_audit_enable('incident_photo', 'id', 'bytes');
SELECT gridmap_audit_enable('grid');
SELECT gridmap_audit_enable('grid_staff');
SELECT gridmap_audit_enable('admin_area');
SELECT gridmap_audit_enable('address');
SELECT gridmap_audit_enable('plan');
SELECT gridmap_audit_enable('plan_change');
SELECT gridmap_audit_enable('service_station', 'code');
SELECT gridmap_audit_enable('department', 'code');
SELECT gridmap_audit_enable('matter', 'code');
