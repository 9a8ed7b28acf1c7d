package org.gridmap.network;

import org.gridmap.database.SqlScript;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Whether network walking areas can be computed: pgRouting must be installed in the
 * database (Debian's postgresql-15-pgrouting; the postgis/postgis image has none) and a
 * network must be loaded with its topology. Asked per request: both can change while the
 * service runs, and the query costs two catalogue and index probes.
 */
@Component
public class RoadNetwork {

	private static final String STATE = SqlScript.load(RoadNetwork.class, "state.sql");

	private final DatabaseClient db;

	RoadNetwork(DatabaseClient db) {
		this.db = db;
	}

	public Mono<State> state() {
		return this.db.sql(STATE)
			.map((row, meta) -> new State(Boolean.TRUE.equals(row.get("pgrouting", Boolean.class)),
					row.get("version", String.class), row.get("edges", Long.class)))
			.one();
	}

	/**
	 * @param pgRouting whether the extension is installed
	 * @param version its version, null without it
	 * @param edges edges with a topology
	 */
	public record State(boolean pgRouting, String version, long edges) {

		public boolean available() {
			return this.pgRouting && this.edges > 0;
		}

		/** Why network areas are unavailable, or null when they are available. */
		public String reason() {
			if (!this.pgRouting) {
				return "the pgRouting extension is not installed in the database";
			}
			return (this.edges == 0) ? "no road network is loaded" : null;
		}

	}

}
