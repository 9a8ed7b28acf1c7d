-- The administrative hierarchy, the grids and what hangs on a grid's public notice board.
--
-- Every spatial row is keyed by its code and versioned by a validity period
-- [valid_from, valid_to): redrawing a boundary closes the old row and opens a new one with
-- the same code, so any past state can be asked for ("as of"). Exclusion constraints make
-- two versions of one code overlap in time impossible. Geometry is WGS 84 (EPSG:4326);
-- CGCS2000, GCJ-02 and BD-09 are converted at the edge and never reach a table.

CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- district 区/县 → street 街道 / township 乡镇 → community 社区 / village 村.
CREATE TABLE admin_area (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level       text        NOT NULL CHECK (level IN ('district', 'street', 'community')),
    kind        text        NOT NULL CHECK (kind IN ('district', 'street', 'township', 'community', 'village')),
    code        text        NOT NULL,
    parent_code text,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    valid_from  timestamptz NOT NULL DEFAULT '-infinity',
    valid_to    timestamptz NOT NULL DEFAULT 'infinity',
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    CHECK (valid_from < valid_to),
    -- 6-digit division code, then 3 digits per level below it.
    CHECK ((level = 'district' AND code ~ '^[0-9]{6}$' AND parent_code IS NULL)
        OR (level = 'street' AND code ~ '^[0-9]{9}$' AND parent_code = left(code, 6))
        OR (level = 'community' AND code ~ '^[0-9]{12}$' AND parent_code = left(code, 9))),
    EXCLUDE USING gist (code WITH =, tstzrange(valid_from, valid_to) WITH &&)
);
CREATE INDEX admin_area_geom_idx ON admin_area USING gist (geom);
CREATE INDEX admin_area_parent_idx ON admin_area (parent_code);

-- A grid 网格: 15-digit code = 6 division + 3 street + 3 community + 3 sequence (DB11 unit grid).
CREATE TABLE grid (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text        NOT NULL CHECK (code ~ '^[0-9]{15}$'),
    community_code  text        NOT NULL CHECK (community_code = left(code, 12)),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    grid_type       text        NOT NULL CHECK (grid_type IN ('urban', 'rural', 'special')),
    households      integer     NOT NULL DEFAULT 0 CHECK (households >= 0),
    population      integer     NOT NULL DEFAULT 0 CHECK (population >= 0),
    service_hotline text,
    duties          text,
    valid_from      timestamptz NOT NULL DEFAULT '-infinity',
    valid_to        timestamptz NOT NULL DEFAULT 'infinity',
    geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    CHECK (valid_from < valid_to),
    EXCLUDE USING gist (code WITH =, tstzrange(valid_from, valid_to) WITH &&)
);
CREATE INDEX grid_geom_idx ON grid USING gist (geom);
CREATE INDEX grid_community_idx ON grid (community_code);

-- The people on a grid's notice board 网格公示牌. Staff follow the grid's code, so a redrawn
-- grid keeps its people; their own validity lets an as-of board show who served then.
CREATE TABLE grid_staff (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_code   text        NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
    role        text        NOT NULL CHECK (role IN ('grid_head', 'full_time', 'part_time', 'party_leader',
                                                     'police', 'property', 'mediator', 'other')),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    phone       text        CHECK (phone ~ '^[0-9+() -]{3,30}$'),
    duties      text,
    sort_order  integer     NOT NULL DEFAULT 0,
    valid_from  timestamptz NOT NULL DEFAULT '-infinity',
    valid_to    timestamptz NOT NULL DEFAULT 'infinity',
    CHECK (valid_from < valid_to)
);
CREATE INDEX grid_staff_grid_idx ON grid_staff (grid_code, sort_order);

-- Household address points. grid_code is the assignment by point-in-polygon, kept for the
-- impact reports of boundary changes; NULL means outside every live grid.
CREATE TABLE address (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address     text        NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
    compound    text,
    building    text,
    households  integer     NOT NULL DEFAULT 1 CHECK (households >= 0),
    grid_code   text,
    geom        geometry(Point, 4326) NOT NULL
);
CREATE INDEX address_geom_idx ON address USING gist (geom);
CREATE INDEX address_grid_idx ON address (grid_code);
CREATE INDEX address_text_trgm_idx ON address USING gin (address gin_trgm_ops);

-- Departments that own matters (民政, 司法, 公安 …).
CREATE TABLE department (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code     text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
    name     text NOT NULL,
    name_en  text,
    hotline  text
);

-- The admitted-matters list 事项准入清单: what enters a grid, who owns it, how long it may take
-- (the 2-hour / 2-day / 7-day tiers). Matter codes double as Open311 service codes.
CREATE TABLE matter (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text    NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
    name              text    NOT NULL,
    name_en           text,
    department_code   text    NOT NULL REFERENCES department (code),
    tier              text    NOT NULL CHECK (tier IN ('small', 'medium', 'complex')),
    time_limit_hours  integer NOT NULL CHECK (time_limit_hours > 0),
    description       text
);

-- Service stations 党群驿站 / 民悦驿站 / 网格服务站 … that anchor the 15-minute living circle.
CREATE TABLE service_station (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,40}$'),
    name          text NOT NULL,
    station_type  text NOT NULL,
    address       text,
    hours         text,
    phone         text,
    services      text[] NOT NULL DEFAULT '{}',
    geom          geometry(Point, 4326) NOT NULL
);
CREATE INDEX service_station_geom_idx ON service_station USING gist (geom);
