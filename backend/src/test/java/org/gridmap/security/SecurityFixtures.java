package org.gridmap.security;

import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Places and ids of the demo district that the security tests act on: two streets, a grid
 * and a point in each, a community of each.
 */
final class SecurityFixtures {

	private SecurityFixtures() {
	}

	/** The live grid at this offset in code order within a street: code, lon, lat. */
	static Map<String, Object> gridIn(DatabaseClient db, String street) {
		return db.sql("""
				SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat
				FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grid
				      WHERE valid_to = 'infinity' AND code LIKE :street || '%' ORDER BY code LIMIT 1) g""")
			.bind("street", street)
			.fetch()
			.one()
			.block();
	}

	/** Two streets of the district that have live grids. */
	static String[] twoStreets(DatabaseClient db) {
		return db
			.sql("SELECT DISTINCT left(code, 9) AS street FROM grid WHERE valid_to = 'infinity' ORDER BY 1 LIMIT 2")
			.map((row, meta) -> row.get("street", String.class))
			.all()
			.collectList()
			.block()
			.toArray(String[]::new);
	}

	static String matter(DatabaseClient db) {
		return db.sql("SELECT code FROM matter ORDER BY code LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
	}

	static Map<String, Object> report(String matter, Map<String, Object> point, String description) {
		return Map.of("matter", matter, "description", description, "lon", point.get("lon"), "lat", point.get("lat"),
				"channel", "app");
	}

}
