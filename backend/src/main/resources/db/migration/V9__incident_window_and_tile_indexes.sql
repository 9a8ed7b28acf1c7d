-- Indexes that let the map's aggregate reads answer from the index alone, measured on the
-- scaled dataset (1,000,000 incidents, bench/hotspots.sh and bench/tiles.sh). The incident
-- table is in report order, so the points of one area or one year lie scattered over all of
-- it, and fetching them row by row was most of the time.

-- Hotspots (and any statistics over a time window): the point of every incident in a
-- window, read in time order without the table. It serves the incident list's newest-first
-- order as well, so it replaces the plain reported_at index.
CREATE INDEX incident_reported_geom_idx ON incident (reported_at) INCLUDE (geom);
DROP INDEX incident_reported_idx;

-- Vector tiles of incidents: the public point's coordinate ranges, with every column a tile
-- writes (tiles/incidents.sql), so a z14 tile of 12,000 points reads about 300 index pages.
CREATE INDEX incident_public_xy_idx ON incident (ST_X(public_geom), ST_Y(public_geom))
    INCLUDE (public_geom, id, matter_code, status, reported_at, closed_at);

-- No JIT compilation in this database. The planner's cost of a statement grows with PostGIS
-- function costs (ST_Transform is costed at 10,000 operators a call), so any statement that
-- transforms a few thousand points passes jit_above_cost and spends 0.2 to 6 s compiling
-- code that runs for less time than that. Sessions still may SET jit = on. Needs the
-- database's owner; elsewhere the setting is left to the administrator.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'jit left on: only the database owner can set it (ALTER DATABASE … SET jit = off)';
END
$$;
