-- Service stations become editable (an optimistic-locking version for ETag/If-Match), and a
-- road network for walking areas: edges with their end vertices and a cost in metres, in
-- the shape pgRouting reads (id, source, target, cost, reverse_cost).
ALTER TABLE service_station
    ADD COLUMN version    integer     NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Coverage asks "which addresses are within d metres of a station" on the spheroid
-- (ST_DWithin on geography): these expression indexes make it an index search.
CREATE INDEX address_geog_idx ON address USING gist ((geom::geography));
CREATE INDEX service_station_geog_idx ON service_station USING gist ((geom::geography));

-- Crossings and dead ends. Vertices are found from edge end points by exact equality after
-- rounding to 1e-7 degree (about 1 cm): see gridmap_network_build_topology().
CREATE TABLE road_vertex (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    geom geometry(Point, 4326) NOT NULL
);
CREATE UNIQUE INDEX road_vertex_point_idx ON road_vertex (ST_X(geom), ST_Y(geom));
CREATE INDEX road_vertex_geom_idx ON road_vertex USING gist (geom);

-- A street piece between two vertices. length_m is geodesic (spheroid) and is the walking
-- cost both ways: the network is undirected for walking and cycling alike.
CREATE TABLE road_edge (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text,
    kind      text,
    origin    text NOT NULL DEFAULT 'import' CHECK (origin IN ('demo', 'import', 'osm')),
    source    bigint REFERENCES road_vertex (id),
    target    bigint REFERENCES road_vertex (id),
    length_m  double precision CHECK (length_m >= 0),
    geom      geometry(LineString, 4326) NOT NULL CHECK (ST_NPoints(geom) >= 2)
);
CREATE INDEX road_edge_geom_idx ON road_edge USING gist (geom);
CREATE INDEX road_edge_source_idx ON road_edge (source);
CREATE INDEX road_edge_target_idx ON road_edge (target);

-- pgRouting is optional: where the package is installed and this role may create it, it is
-- created here; elsewhere (postgis/postgis images, a non-superuser without the extension)
-- the migration still succeeds and network features answer "unavailable".
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') THEN
        CREATE EXTENSION IF NOT EXISTS pgrouting;
    END IF;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pgrouting not created (%): network walking areas are unavailable', SQLERRM;
END
$$;
