-- Draft plans for redrawing grid boundaries (see docs/planning.md).
--
-- A plan is a named set of changes against the grids of one street or community, with an
-- effective date. The changes are an append-only log: the draft grids are derived by
-- replaying it on the grids valid at the effective instant, so nothing half-drawn ever
-- reaches the grid table. Publishing writes the draft as new grid versions in one
-- transaction and records the plan on every row it opened or closed (the audit trail of a
-- grid's history).

CREATE TABLE plan (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- A street/township (9 digits) or a community/village (12 digits).
    parent_code   text        NOT NULL CHECK (parent_code ~ '^[0-9]{9}([0-9]{3})?$'),
    -- Publishes are serialised per street (advisory lock), whatever the plan's level.
    street_code   text        GENERATED ALWAYS AS (left(parent_code, 9)) STORED,
    effective_date date       NOT NULL,
    status        text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'discarded')),
    -- Bumped by every write; the plan's ETag is "plan-{id}-{version}".
    version       integer     NOT NULL DEFAULT 1,
    created_by    text        NOT NULL CHECK (length(created_by) BETWEEN 1 AND 100),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text        NOT NULL CHECK (length(updated_by) BETWEEN 1 AND 100),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    published_by  text,
    published_at  timestamptz,
    -- The instant the published grids take effect, and when addresses and open incidents
    -- followed them (at publish when effective now, else by the activation task).
    effective_at  timestamptz,
    applied_at    timestamptz,
    -- Old and new outlines of what the plan changed: where addresses and incidents move.
    changed_area  geometry(Geometry, 4326),
    discarded_by  text,
    discarded_at  timestamptz,
    CHECK ((status = 'published') = (published_at IS NOT NULL AND effective_at IS NOT NULL)),
    CHECK ((status = 'discarded') = (discarded_at IS NOT NULL))
);
CREATE INDEX plan_street_idx ON plan (street_code, status);
CREATE INDEX plan_activation_idx ON plan (effective_at) WHERE status = 'published' AND applied_at IS NULL;

-- The plan's log: grid changes (reshape, split, merge, create, delete, attributes, staff)
-- and the audit-only entries (plan created/edited, undo, publish, discard), each with its
-- author and time. base_versions maps each live grid code the change was made against to
-- the grid row id it saw, so that publish can refuse a plan whose base was replaced.
CREATE TABLE plan_change (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id       bigint      NOT NULL REFERENCES plan (id),
    seq           integer     NOT NULL CHECK (seq > 0),
    kind          text        NOT NULL CHECK (kind IN ('reshape', 'split', 'merge', 'create', 'delete', 'attributes',
                                                       'staff', 'undo', 'plan', 'publish', 'discard')),
    author        text        NOT NULL CHECK (length(author) BETWEEN 1 AND 100),
    at            timestamptz NOT NULL DEFAULT now(),
    note          text        CHECK (length(note) <= 2000),
    grids         text[]      NOT NULL DEFAULT '{}',
    base_versions jsonb       NOT NULL DEFAULT '{}',
    body          jsonb       NOT NULL,
    UNIQUE (plan_id, seq)
);

CREATE FUNCTION plan_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'plan_change is append-only';
END
$$;
CREATE TRIGGER plan_change_append_only BEFORE UPDATE OR DELETE ON plan_change
    FOR EACH ROW EXECUTE FUNCTION plan_change_append_only();

-- Which plan opened or closed each grid and staff version (NULL: the initial load).
ALTER TABLE grid ADD COLUMN opened_by_plan bigint REFERENCES plan (id),
                 ADD COLUMN closed_by_plan bigint REFERENCES plan (id);
ALTER TABLE grid_staff ADD COLUMN opened_by_plan bigint REFERENCES plan (id),
                       ADD COLUMN closed_by_plan bigint REFERENCES plan (id);
CREATE INDEX grid_code_idx ON grid (code, valid_from);
CREATE INDEX grid_opened_by_plan_idx ON grid (opened_by_plan) WHERE opened_by_plan IS NOT NULL;
CREATE INDEX grid_closed_by_plan_idx ON grid (closed_by_plan) WHERE closed_by_plan IS NOT NULL;
CREATE INDEX grid_staff_opened_by_plan_idx ON grid_staff (opened_by_plan) WHERE opened_by_plan IS NOT NULL;
CREATE INDEX grid_staff_closed_by_plan_idx ON grid_staff (closed_by_plan) WHERE closed_by_plan IS NOT NULL;
