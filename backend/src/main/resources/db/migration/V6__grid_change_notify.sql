-- Every committed write to what a lookup reads (grids, their staff, the administrative
-- areas, service stations) is announced on channel gridmap_grids_changed, so that every
-- service instance rebuilds its in-memory grid index (org.gridmap.gridindex). Publishing a
-- plan sends its own, richer notification ({"planId", "parent", "effective"}) on the same
-- channel; this trigger catches everything else: demo loads, imports, manual SQL.
--
-- Statement-level: one notification per statement however many rows it touches, and
-- PostgreSQL folds identical notifications of one transaction into one. As for incidents
-- (V2), a transaction that sets gridmap.bulk = 'on' stays silent and must send one
-- notification itself when it is done.
CREATE FUNCTION gridmap_grids_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('gridmap.bulk', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('gridmap_grids_changed', json_build_object('table', TG_TABLE_NAME)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER grid_changed_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_grids_changed_notify();
CREATE TRIGGER grid_staff_changed_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_staff
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_grids_changed_notify();
CREATE TRIGGER admin_area_changed_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_area
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_grids_changed_notify();
CREATE TRIGGER service_station_changed_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_station
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_grids_changed_notify();

-- Nearest-station searches rank by distance on the sphere through service_station_geog_idx
-- (created in V5 for coverage; see gridmap_lookup in R__lookup_function.sql), then by
-- geodesic distance.
