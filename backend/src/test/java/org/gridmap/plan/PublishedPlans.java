package org.gridmap.plan;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Puts the district back after tests that publish plans (the plan API tests and the /plan
 * page test), so later tests see the demo grids as generated.
 */
public final class PublishedPlans {

	private PublishedPlans() {
	}

	/**
	 * Undoes published plans in the database: their grid and staff versions removed, the
	 * versions they closed reopened, addresses and open incidents put back.
	 */
	public static void restore(DatabaseClient db, Long... plans) {
		db.sql("""
				DELETE FROM grid_staff WHERE opened_by_plan = ANY($1);
				UPDATE grid_staff SET valid_to = 'infinity', closed_by_plan = NULL WHERE closed_by_plan = ANY($1);
				DELETE FROM grid WHERE opened_by_plan = ANY($1);
				UPDATE grid SET valid_to = 'infinity', closed_by_plan = NULL WHERE closed_by_plan = ANY($1);
				UPDATE plan SET applied_at = coalesce(applied_at, now()) WHERE id = ANY($1);
				""".replace("$1", "ARRAY" + java.util.Arrays.toString(plans) + "::bigint[]")).then().block();
		db.sql("""
				UPDATE address a
				SET grid_code = (SELECT g.code FROM grid g
				                 WHERE ST_Intersects(g.geom, a.geom) AND g.valid_from <= now() AND g.valid_to > now()
				                 ORDER BY g.code LIMIT 1)
				WHERE ST_Intersects(a.geom, (SELECT ST_Union(changed_area) FROM plan WHERE id = ANY($1)))""")
			.bind(0, plans)
			.then()
			.block();
		db.sql("""
				SELECT gridmap_reassign_open_incidents(now(), 'test cleanup',
				       (SELECT ST_Union(changed_area) FROM plan WHERE id = ANY($1))),
				       pg_notify('gridmap_grids_changed', json_build_object('planId', $1[1], 'phase', 'reverted')::text)""")
			.bind(0, plans)
			.then()
			.block();
	}

}
