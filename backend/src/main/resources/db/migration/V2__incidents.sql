-- Incidents (事件): every report from every channel, its place in the closed loop
-- (排查—派单—处置—反馈), its deadline from the admitted-matters list, and an append-only
-- timeline. A report is stored even when it falls outside every grid (grid_code NULL:
-- the district desk handles it). The reporter's contact and exact location are private:
-- public outputs use public_geom, the location snapped to the centre of a ~100 m cell.

CREATE TABLE incident (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tracking_code     text        NOT NULL UNIQUE CHECK (tracking_code ~ '^[A-Z0-9-]{6,40}$'),
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
    duplicate_of      bigint      REFERENCES incident (id),
    satisfaction      smallint    CHECK (satisfaction BETWEEN 1 AND 5),
    satisfaction_note text        CHECK (length(satisfaction_note) <= 1000),
    CHECK (deadline > reported_at)
);
CREATE INDEX incident_geom_idx ON incident USING gist (geom);
CREATE INDEX incident_public_geom_idx ON incident USING gist (public_geom);
CREATE INDEX incident_reported_idx ON incident (reported_at DESC);
CREATE INDEX incident_status_idx ON incident (status, deadline);
CREATE INDEX incident_grid_idx ON incident (grid_code, reported_at);
CREATE INDEX incident_matter_idx ON incident (matter_code, reported_at);

-- The timeline: one row per step, stamped with actor, role, time and note. Append-only:
-- the trigger below refuses updates and deletes.
CREATE TABLE incident_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  bigint      NOT NULL REFERENCES incident (id),
    at           timestamptz NOT NULL DEFAULT now(),
    action       text        NOT NULL,
    from_status  text,
    to_status    text        NOT NULL,
    actor        text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    actor_role   text        NOT NULL,
    note         text        CHECK (length(note) <= 2000),
    details      jsonb
);
CREATE INDEX incident_event_incident_idx ON incident_event (incident_id, id);

CREATE FUNCTION incident_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident_event is append-only';
END
$$;
CREATE TRIGGER incident_event_append_only BEFORE UPDATE OR DELETE ON incident_event
    FOR EACH ROW EXECUTE FUNCTION incident_event_append_only();

-- Every committed step is announced on channel gridmap_incident, so that every service
-- instance streams it to its dispatchers (server-sent events). NOTIFY is delivered on commit.
-- Bulk loads (CSV import, demo data) set gridmap.bulk = 'on' for their transaction: tens of
-- thousands of historical steps are not news, and announcing each would flood the stream.
CREATE FUNCTION incident_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('gridmap.bulk', true) = 'on' THEN
        RETURN NEW;
    END IF;
    PERFORM pg_notify('gridmap_incident',
                      json_build_object('incidentId', NEW.incident_id, 'eventId', NEW.id,
                                        'action', NEW.action, 'status', NEW.to_status)::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER incident_event_notify AFTER INSERT ON incident_event
    FOR EACH ROW EXECUTE FUNCTION incident_event_notify();

-- Photos, stored re-encoded (which drops EXIF: GPS position, device) after checking that
-- they decode as images.
CREATE TABLE incident_photo (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  bigint      NOT NULL REFERENCES incident (id),
    content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width        integer     NOT NULL CHECK (width > 0),
    height       integer     NOT NULL CHECK (height > 0),
    bytes        bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_photo_incident_idx ON incident_photo (incident_id);

-- Idempotent submission: the first response to a key is kept with a hash of its request,
-- so a retry gets the same answer and a different body under the same key is refused.
CREATE TABLE idempotency_key (
    key           text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    request_hash  text        NOT NULL,
    incident_id   bigint      NOT NULL REFERENCES incident (id),
    response      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The ~100 m cell centre that public outputs show instead of the exact location:
-- deterministic (the same point always snaps to the same centre), so that it cannot be
-- averaged away as random jitter could.
CREATE FUNCTION gridmap_public_point(p geometry) RETURNS geometry
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT ST_SetSRID(ST_MakePoint((floor(ST_X(p) / 0.001) + 0.5) * 0.001,
                                   (floor(ST_Y(p) / 0.001) + 0.5) * 0.001), 4326)
$$;

-- Where an incident stands against its deadline at an instant: open ones are on_time,
-- due_soon (in the last quarter of their time limit) or overdue; closed ones met or missed
-- it; rejected ones have no deadline state.
CREATE FUNCTION gridmap_deadline_state(status text, reported_at timestamptz, deadline timestamptz,
                                       closed_at timestamptz, at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
               WHEN status = 'rejected' THEN NULL
               WHEN status = 'closed' THEN CASE WHEN closed_at <= deadline THEN 'met' ELSE 'missed' END
               WHEN at > deadline THEN 'overdue'
               WHEN at > deadline - (deadline - reported_at) / 4 THEN 'due_soon'
               ELSE 'on_time'
           END
$$;
