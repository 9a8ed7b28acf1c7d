package org.gridmap.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the plan tests share: creating plans and adding changes over HTTP, reading JSON,
 * finding shared vertices in the demo district, and putting the district back as it was
 * after a test published a plan (the other test classes expect the demo's 146 grids).
 */
abstract class PlanTestSupport extends IntegrationTest {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	/** Plans published by the running test, undone after it. */
	final List<Long> published = new ArrayList<>();

	static LocalDate today() {
		return LocalDate.now(ZONE);
	}

	JsonNode read(byte[] body) {
		return this.json.readTree(body);
	}

	ObjectNode createPlan(String parent, LocalDate effective) {
		return (ObjectNode) read(this.http.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "测试方案 " + parent, "parent", parent, "effectiveDate", effective.toString(),
					"author", "王规划"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	WebTestClient.ResponseSpec post(String path, String etag, Object body) {
		WebTestClient.RequestBodySpec spec = this.http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
		if (etag != null) {
			spec = spec.header("If-Match", etag);
		}
		return spec.bodyValue((body instanceof String text) ? text : this.json.writeValueAsString(body)).exchange();
	}

	/** Adds a change, expecting success; returns the response (plan and changes). */
	JsonNode change(long plan, String etag, Object change) {
		return read(post("/api/v1/plans/" + plan + "/changes", etag, change).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	JsonNode get(String path) {
		return read(this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	String etag(long plan) {
		return get("/api/v1/plans/" + plan).get("etag").asString();
	}

	/** The draft grid with the given key from the plan's draft grids. */
	JsonNode draftGrid(long plan, String key) {
		for (JsonNode feature : get("/api/v1/plans/" + plan + "/grids").get("features")) {
			if (feature.get("id").asString().equals(key)) {
				return feature;
			}
		}
		throw new AssertionError("No draft grid " + key);
	}

	JsonNode publish(long plan, String etag, int status) {
		JsonNode result = read(post("/api/v1/plans/" + plan + "/publish", etag, Map.of("author", "王规划")).expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody());
		if (status == 200) {
			this.published.add(plan);
		}
		return result;
	}

	long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
	}

	String text(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, String.class)).one().block();
	}

	/**
	 * A vertex inside a community (away from its outline) shared by two or more of its
	 * live grids: moving it in all of them keeps the coverage exact. In the demo district
	 * these are the junctions where three grids meet.
	 */
	SharedVertex sharedVertex(String community, int skip) {
		return this.db.sql("""
				WITH pts AS (
				    SELECT g.code, (ST_DumpPoints(g.geom)).geom AS p
				    FROM grid g
				    WHERE g.community_code = $1 AND g.valid_from <= now() AND g.valid_to > now()
				)
				SELECT ST_X(p) AS lon, ST_Y(p) AS lat, array_agg(DISTINCT pts.code ORDER BY pts.code) AS codes
				FROM pts, admin_area c
				WHERE c.code = $1 AND c.valid_to = 'infinity'
				GROUP BY p, c.geom
				HAVING count(DISTINCT pts.code) >= 2 AND NOT ST_DWithin(p, ST_Boundary(c.geom), 0.0003)
				ORDER BY min(pts.code), ST_X(p), ST_Y(p)
				OFFSET $2 LIMIT 1""")
			.bind(0, community)
			.bind(1, skip)
			.map((row, meta) -> new SharedVertex(row.get("lon", Double.class), row.get("lat", Double.class),
					List.of(row.get("codes", String[].class))))
			.one()
			.block();
	}

	/**
	 * Two points on either side of a grid, on a line through it that cuts it (and its
	 * address points) about in half: at the median latitude of its addresses.
	 */
	double[] cutAcross(String grid) {
		return this.db.sql("""
				SELECT ST_XMin(g.geom) - 0.001 AS x1, m.y AS y1, ST_XMax(g.geom) + 0.001 AS x2, m.y + 0.0001 AS y2
				FROM grid g,
				     LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ST_Y(a.geom)) AS y
				              FROM address a WHERE a.grid_code = g.code) m
				WHERE g.code = $1 AND g.valid_from <= now() AND g.valid_to > now()""")
			.bind(0, grid)
			.map((row,
					meta) -> new double[] { row.get("x1", Double.class), row.get("y1", Double.class),
							row.get("x2", Double.class), row.get("y2", Double.class) })
			.one()
			.block();
	}

	record SharedVertex(double lon, double lat, List<String> codes) {

		String a() {
			return this.codes.get(0);
		}

		String b() {
			return this.codes.get(1);
		}

		SharedVertex movedBy(double dx, double dy) {
			return new SharedVertex(this.lon + dx, this.lat + dy, this.codes);
		}

	}

	/**
	 * A reshape of every grid of a shared vertex, moving it by (dx, dy) degrees in each,
	 * from the plan's draft geometries.
	 */
	ObjectNode moveVertex(long plan, SharedVertex vertex, double dx, double dy) {
		ObjectNode change = this.json.createObjectNode();
		change.put("kind", "reshape");
		change.put("author", "李规划");
		ArrayNode grids = change.putArray("grids");
		for (String code : vertex.codes()) {
			JsonNode geometry = draftGrid(plan, code).get("geometry").deepCopy();
			int moved = 0;
			for (JsonNode polygon : geometry.get("coordinates")) {
				for (JsonNode ring : polygon) {
					for (JsonNode position : ring) {
						if (position.get(0).doubleValue() == vertex.lon()
								&& position.get(1).doubleValue() == vertex.lat()) {
							((ArrayNode) position).set(0, vertex.lon() + dx);
							((ArrayNode) position).set(1, vertex.lat() + dy);
							moved++;
						}
					}
				}
			}
			if (moved == 0) {
				throw new AssertionError("Vertex " + vertex + " not found in " + code);
			}
			grids.addObject().put("grid", code).set("geometry", geometry);
		}
		return change;
	}

	@AfterEach
	void restoreDistrict() {
		if (this.published.isEmpty()) {
			return;
		}
		restore(this.published.toArray(Long[]::new));
		this.published.clear();
	}

	/** Undoes published plans in the database (see {@link PublishedPlans#restore}). */
	void restore(Long[] plans) {
		PublishedPlans.restore(this.db, plans);
	}

}
