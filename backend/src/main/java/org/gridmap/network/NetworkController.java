package org.gridmap.network;

import org.gridmap.database.SqlScript;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/network}: what road network is loaded, and the import of street lines
 * from a GeoJSON FeatureCollection (LineString or MultiLineString features, optional
 * {@code name} and {@code kind} properties, WGS 84). An import is checked whole before
 * anything is written and then written in one transaction with its topology, so it is all
 * there or not at all. For OpenStreetMap extracts see docs/stations.md (osm2pgrouting or
 * ogr2ogr to GeoJSON).
 */
@RestController
class NetworkController {

	private static final String SUMMARY = SqlScript.load(NetworkController.class, "summary.sql");

	private static final String IMPORT = SqlScript.load(NetworkController.class, "import.sql");

	private final DatabaseClient db;

	private final RoadNetwork network;

	private final JsonMapper json;

	private final TransactionalOperator transaction;

	private final int maxFeatures;

	NetworkController(DatabaseClient db, RoadNetwork network, JsonMapper json, ReactiveTransactionManager transactions,
			@Value("${gridmap.network.max-import-features}") int maxFeatures) {
		this.db = db;
		this.network = network;
		this.json = json;
		this.transaction = TransactionalOperator.create(transactions);
		this.maxFeatures = maxFeatures;
	}

	@GetMapping(path = "/api/v1/network", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> summary() {
		return this.network.state()
			.zipWith(this.db.sql(SUMMARY).map((row, meta) -> row.get("doc", String.class)).one())
			.map((both) -> {
				RoadNetwork.State state = both.getT1();
				String reason = state.reason();
				return "{\"available\":" + state.available() + ",\"reason\":"
						+ ((reason != null) ? "\"" + reason + "\"" : "null") + ",\"pgRouting\":"
						+ ((state.version() != null) ? "\"" + state.version() + "\"" : "null") + ","
						+ both.getT2().substring(1);
			});
	}

	@PostMapping(path = "/api/v1/network/import",
			consumes = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> importLines(@RequestBody byte[] bytes, @RequestParam(required = false) String replace) {
		boolean replacing = checkReplace(replace);
		// Read as bytes so that Jackson refuses what is not UTF-8 (a String would hold
		// U+FFFD).
		int lines = check(bytes);
		String body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
		Mono<String> work = Mono.defer(() -> {
			Mono<Long> cleared = replacing ? this.db.sql("DELETE FROM road_edge WHERE origin = 'import'")
				.fetch()
				.rowsUpdated()
				.flatMap((n) -> this.db
					.sql("DELETE FROM road_vertex v WHERE NOT EXISTS (SELECT 1 FROM road_edge e "
							+ "WHERE e.source = v.id OR e.target = v.id)")
					.fetch()
					.rowsUpdated()
					.thenReturn(n)) : Mono.just(0L);
			return cleared.flatMap((removed) -> this.db.sql(IMPORT)
				.bind("doc", body)
				.bind("origin", "import")
				.fetch()
				.rowsUpdated()
				.flatMap((edges) -> this.db.sql("SELECT gridmap_network_build_topology() AS n")
					.map((row, meta) -> row.get("n", Integer.class))
					.one()
					.map((linked) -> "{\"lines\":" + lines + ",\"edges\":" + edges + ",\"linked\":" + linked
							+ ",\"removed\":" + removed + "}")));
		});
		return this.transaction.transactional(work);
	}

	private static boolean checkReplace(String replace) {
		if (replace == null || replace.isBlank() || replace.equals("false")) {
			return false;
		}
		if (replace.equals("true")) {
			return true;
		}
		throw NetworkProblem.invalid("replace", "'replace' must be true or false");
	}

	/** Checks the whole collection; returns the number of features. */
	private int check(byte[] body) {
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw NetworkProblem.invalid("body", "the body is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asString(""))) {
			throw NetworkProblem.invalid("type", "the body must be a GeoJSON FeatureCollection");
		}
		JsonNode features = root.path("features");
		if (!features.isArray() || features.isEmpty()) {
			throw NetworkProblem.invalid("features", "'features' must be a non-empty array");
		}
		if (features.size() > this.maxFeatures) {
			throw NetworkProblem.invalid("features",
					"at most " + this.maxFeatures + " features in one import, got " + features.size());
		}
		for (int i = 0; i < features.size(); i++) {
			JsonNode feature = features.get(i);
			String where = "features[" + i + "]";
			JsonNode geometry = feature.path("geometry");
			String type = geometry.path("type").asString("");
			JsonNode coordinates = geometry.path("coordinates");
			switch (type) {
				case "LineString" -> checkLine(where + ".geometry", coordinates);
				case "MultiLineString" -> {
					if (!coordinates.isArray() || coordinates.isEmpty()) {
						throw NetworkProblem.invalid(where + ".geometry", where + " has no lines");
					}
					for (int j = 0; j < coordinates.size(); j++) {
						checkLine(where + ".geometry.coordinates[" + j + "]", coordinates.get(j));
					}
				}
				default -> throw NetworkProblem.invalid(where + ".geometry",
						where + " must be a LineString or MultiLineString, got '" + type + "'");
			}
			for (String property : new String[] { "name", "kind" }) {
				JsonNode value = feature.path("properties").path(property);
				if (!value.isMissingNode() && !value.isNull()
						&& !(value.isString() && value.asString().length() <= 200)) {
					throw NetworkProblem.invalid(where + ".properties." + property,
							"'" + property + "' must be a text of at most 200 characters");
				}
			}
		}
		return features.size();
	}

	private static void checkLine(String where, JsonNode positions) {
		if (!positions.isArray() || positions.size() < 2) {
			throw NetworkProblem.invalid(where, where + " needs at least two positions");
		}
		for (JsonNode position : positions) {
			if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber()
					|| !position.get(1).isNumber()) {
				throw NetworkProblem.invalid(where, where + " has a position that is not [lon, lat]");
			}
			double lon = position.get(0).asDouble();
			double lat = position.get(1).asDouble();
			if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
				throw NetworkProblem.invalid(where,
						where + " has a position outside WGS 84 longitude/latitude: [" + lon + ", " + lat + "]");
			}
		}
	}

}
