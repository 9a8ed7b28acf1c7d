package org.gridmap.network;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing street lines: lines are cut into segments, shared vertices become junctions,
 * lines that only cross stay apart, and bad input changes nothing.
 */
class NetworkImportTest extends IntegrationTest {

	// A plus sign drawn as two lines that share their middle vertex, and a bridge
	// crossing the horizontal line without a shared vertex (at 102.0005, 0.5).
	private static final String LINES = """
			{"type": "FeatureCollection", "features": [
			 {"type": "Feature", "properties": {"name": "Import east-west", "kind": "local"},
			  "geometry": {"type": "LineString", "coordinates": [[102.000, 0.5], [102.001, 0.5], [102.002, 0.5]]}},
			 {"type": "Feature", "properties": {"name": "Import north-south"},
			  "geometry": {"type": "MultiLineString", "coordinates": [[[102.001, 0.499], [102.001, 0.5], [102.001, 0.501]]]}},
			 {"type": "Feature", "properties": {"name": "Import bridge"},
			  "geometry": {"type": "LineString", "coordinates": [[102.0005, 0.499], [102.0005, 0.501]]}}]}""";

	@Autowired
	DatabaseClient db;

	@AfterEach
	void removeImported() {
		this.db
			.sql("""
					DELETE FROM road_edge WHERE name LIKE 'Import %';
					DELETE FROM road_vertex v WHERE NOT EXISTS (SELECT 1 FROM road_edge e WHERE e.source = v.id OR e.target = v.id);""")
			.then()
			.block();
	}

	@Test
	void linesBecomeEdgesJoinedAtSharedVerticesOnly() {
		this.http.post()
			.uri("/api/v1/network/import")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(LINES)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.lines")
			.isEqualTo(3)
			.jsonPath("$.edges")
			.isEqualTo(5)
			.jsonPath("$.linked")
			.isEqualTo(5);
		// the middle vertex (102.001, 0.5) joins the four arms of the plus
		assertThat(count("""
				SELECT count(*) FROM road_edge e JOIN road_vertex v ON v.id IN (e.source, e.target)
				WHERE e.name LIKE 'Import %' AND ST_X(v.geom) = 102.001 AND ST_Y(v.geom) = 0.5""")).isEqualTo(4);
		// the bridge meets nothing
		assertThat(count("""
				SELECT count(*) FROM road_edge b JOIN road_edge o ON o.id <> b.id
				  AND (o.source IN (b.source, b.target) OR o.target IN (b.source, b.target))
				WHERE b.name = 'Import bridge'""")).isZero();
		assertThat(count("SELECT round(sum(length_m)) FROM road_edge WHERE name = 'Import east-west'")).isEqualTo(223);
		this.http.get()
			.uri("/api/v1/network")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.available")
			.isEqualTo(true)
			.jsonPath("$.byOrigin.import")
			.isEqualTo(5);
	}

	@Test
	void badLinesAreRefusedAndNothingIsWritten() {
		String[][] cases = {
				{ "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": "
						+ "{\"type\": \"Point\", \"coordinates\": [102, 0.5]}}]}", "features[0].geometry" },
				{ LINES.replace("[102.002, 0.5]", "[302.002, 0.5]"), "features[0].geometry" },
				{ LINES.replace("[[102.0005, 0.499], [102.0005, 0.501]]", "[[102.0005, 0.499]]"),
						"features[2].geometry" },
				{ "{\"type\": \"Feature\"}", "type" },
				{ "{\"type\": \"FeatureCollection\", \"features\": []}", "features" }, { "not json", "body" } };
		for (String[] bad : cases) {
			this.http.post()
				.uri("/api/v1/network/import")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(bad[0])
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo(bad[1]);
		}
		assertThat(count("SELECT count(*) FROM road_edge WHERE name LIKE 'Import %'")).isZero();
	}

	@Test
	void stateSaysWhyNetworkAreasAreUnavailable() {
		assertThat(new RoadNetwork.State(false, null, 10).reason()).contains("pgRouting");
		assertThat(new RoadNetwork.State(true, "3.4.2", 0).reason()).contains("no road network");
		assertThat(new RoadNetwork.State(true, "3.4.2", 10).available()).isTrue();
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
	}

}
