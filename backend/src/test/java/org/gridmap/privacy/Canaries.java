package org.gridmap.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Reports whose personal fields carry unique strings (canaries), so that a test can look
 * for them in any output: reporter name, phone, email, a description with another phone
 * number, an address, a workflow note and actor, and an exact point whose sixth decimal
 * no snapped point shares.
 */
final class Canaries {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Unique per run, so that earlier runs' rows cannot satisfy or fail a check. */
	final String run = Long.toString(ThreadLocalRandom.current().nextLong(78_364_164_096L, 2_821_109_907_456L), 36)
		.toUpperCase();

	final String name = "CanaryName" + this.run;

	final String phone = "139" + digits(8);

	final String email = "canary." + this.run.toLowerCase() + "@example.org";

	final String phoneInText = "137" + digits(8);

	final String description = "CanaryDescription" + this.run + " call me on " + this.phoneInText;

	final String address = "CanaryAddress" + this.run + " 幸福小区3号楼2单元";

	final String note = "CanaryNote" + this.run;

	final String actor = "CanaryActor" + this.run;

	final String demoName = "CanaryDemoName" + this.run;

	final String demoPhone = "138" + digits(8);

	final String demoSatisfaction = "CanaryRating" + this.run;

	private static String digits(int n) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < n; i++) {
			out.append(ThreadLocalRandom.current().nextInt(10));
		}
		return out.toString();
	}

	/** Every string that must never appear in a public output. */
	List<String> secrets() {
		return List.of(this.name, this.phone, this.email, this.phoneInText, this.description, this.address, this.note,
				this.actor, this.demoName, this.demoPhone, this.demoSatisfaction);
	}

	/**
	 * A point in a live grid whose coordinates sit {@code (dx, dy)} degrees from the
	 * south-west corner of their 0.001° cell (fractions below 0.001 with many decimals).
	 * @param nth which grid, by code
	 */
	static Point exactPoint(DatabaseClient db, int nth, double dx, double dy) {
		return db.sql("""
				SELECT g.code, g.community_code, c.parent_code AS street_code, p.lon, p.lat
				FROM grid g
				JOIN admin_area c ON c.code = g.community_code AND c.valid_to = 'infinity'
				CROSS JOIN LATERAL (SELECT floor(ST_X(ST_PointOnSurface(g.geom)) * 1000) / 1000 + :dx AS lon,
				                           floor(ST_Y(ST_PointOnSurface(g.geom)) * 1000) / 1000 + :dy AS lat) p
				WHERE g.valid_to = 'infinity' AND ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
				ORDER BY g.code OFFSET :nth LIMIT 1""")
			.bind("dx", dx)
			.bind("dy", dy)
			.bind("nth", nth)
			.map((row, meta) -> new Point(row.get("code", String.class), row.get("community_code", String.class),
					row.get("street_code", String.class), row.get("lon", Double.class), row.get("lat", Double.class)))
			.one()
			.block();
	}

	record Point(String grid, String community, String street, double lon, double lat) {

		/**
		 * The coordinate to six decimals (truncated and rounded agree by choice of
		 * point).
		 */
		String lonText() {
			return String.format(java.util.Locale.ROOT, "%.6f", this.lon);
		}

		String latText() {
			return String.format(java.util.Locale.ROOT, "%.6f", this.lat);
		}

		/** The centre of the point's 0.001° cell, as gridmap_public_point (V2). */
		double publicLon() {
			return (Math.floor(this.lon / 0.001) + 0.5) * 0.001;
		}

		double publicLat() {
			return (Math.floor(this.lat / 0.001) + 0.5) * 0.001;
		}

	}

	/** Reports through the public API (JSON); returns the receipt. */
	JsonNode report(WebTestClient http, Point point, String matter) {
		Map<String, Object> body = new HashMap<>();
		body.put("matter", matter);
		body.put("description", this.description);
		body.put("address", this.address);
		body.put("lon", point.lon());
		body.put("lat", point.lat());
		body.put("channel", "app");
		body.put("reporter", Map.of("name", this.name, "phone", this.phone, "email", this.email));
		byte[] response = http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(response);
	}

}
