package org.gridmap.station;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gridmap.database.SqlScript;
import org.gridmap.geo.Coordinates;
import org.gridmap.geo.InputCrs;
import org.gridmap.geo.JsonText;
import org.gridmap.network.RoadNetwork;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coverage of households by the stations and where new stations would help most:
 * <ul>
 * <li>{@code GET /api/v1/coverage?minutes=15&mode=walk&method=circle|network&area=}:
 * households and addresses within reach of at least one station, overall and per street,
 * community and grid, and the most overlapping station pairs (coverage.sql);
 * <li>{@code GET /api/v1/coverage/uncovered}: the addresses out of reach, as GeoJSON
 * points, paged ({@code limit}, {@code offset}, {@code bbox});
 * <li>{@code POST /api/v1/coverage/siting}: the best {@code k} new sites by greedy
 * maximal coverage ({@link SiteChooser}) among given or generated candidates
 * (siting.sql).
 * </ul>
 * {@code area} is a street (9-digit), community (12) or grid (15) code, or a district's 6
 * digits: it limits the addresses counted, never the stations that may reach them.
 */
@RestController
class CoverageController {

	private static final String COVERAGE = SqlScript.load(CoverageController.class, "coverage.sql");

	private static final String UNCOVERED = SqlScript.load(CoverageController.class, "uncovered.sql");

	private static final String SITING = SqlScript.load(CoverageController.class, "siting.sql");

	private static final Set<String> SITING_FIELDS = Set.of("k", "minutes", "mode", "method", "area", "crs",
			"candidates");

	private final DatabaseClient db;

	private final Reach reach;

	private final RoadNetwork network;

	private final JsonMapper json;

	private final double snapMetres;

	private final double accessMetres;

	private final int maxK;

	private final int maxCandidates;

	private final int maxNetworkCandidates;

	CoverageController(DatabaseClient db, Reach reach, RoadNetwork network, JsonMapper json,
			@Value("${gridmap.network.snap-metres}") double snapMetres,
			@Value("${gridmap.network.access-metres}") double accessMetres, @Value("${gridmap.siting.max-k}") int maxK,
			@Value("${gridmap.siting.max-candidates}") int maxCandidates,
			@Value("${gridmap.siting.max-network-candidates}") int maxNetworkCandidates) {
		this.db = db;
		this.reach = reach;
		this.network = network;
		this.json = json;
		this.snapMetres = snapMetres;
		this.accessMetres = accessMetres;
		this.maxK = maxK;
		this.maxCandidates = maxCandidates;
		this.maxNetworkCandidates = maxNetworkCandidates;
	}

	@GetMapping(path = "/api/v1/coverage", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> coverage(@RequestParam(required = false) String minutes, @RequestParam(required = false) String mode,
			@RequestParam(required = false) String method, @RequestParam(required = false) String area,
			@RequestParam(required = false) String overlaps) {
		Reach.Trip trip = this.reach.trip(minutes, mode);
		String how = method(method);
		String prefix = area(area);
		int pairs = StationController.number("overlaps", overlaps, 10, 0, 100);
		return ready(how)
			.flatMap((state) -> bindCommon(this.db.sql(COVERAGE), trip, how, prefix).bind("overlaps", pairs)
				.map((row, meta) -> row.get("doc", String.class))
				.one()
				.map((doc) -> "{\"query\":" + query(trip, how, prefix) + ",\"uncovered\":"
						+ JsonText.quote(uncoveredLink(trip, how, prefix)) + "," + doc.substring(1)));
	}

	@GetMapping(path = "/api/v1/coverage/uncovered",
			produces = { StationController.GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<String> uncovered(@RequestParam(required = false) String minutes, @RequestParam(required = false) String mode,
			@RequestParam(required = false) String method, @RequestParam(required = false) String area,
			@RequestParam(required = false) String bbox, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String offset) {
		Reach.Trip trip = this.reach.trip(minutes, mode);
		String how = method(method);
		String prefix = area(area);
		double[] box = bbox(bbox);
		int max = StationController.number("limit", limit, 1000, 1, 10_000);
		int skip = StationController.number("offset", offset, 0, 0, Integer.MAX_VALUE);
		return ready(how).flatMap((state) -> {
			GenericExecuteSpec spec = bindCommon(this.db.sql(UNCOVERED), trip, how, prefix).bind("limit", max)
				.bind("offset", skip);
			String[] names = { "minx", "miny", "maxx", "maxy" };
			for (int i = 0; i < 4; i++) {
				spec = (box != null) ? spec.bind(names[i], box[i]) : spec.bindNull(names[i], Double.class);
			}
			return spec
				.map((row,
						meta) -> new String[] { row.get("feature", String.class),
								String.valueOf(row.get("matched", Long.class)),
								String.valueOf(row.get("households", Long.class)) })
				.all()
				.collectList()
				.map((rows) -> {
					StringBuilder out = new StringBuilder(rows.size() * 200 + 300);
					out.append("{\"type\":\"FeatureCollection\",\"query\":")
						.append(query(trip, how, prefix))
						.append(",\"features\":[");
					for (int i = 0; i < rows.size(); i++) {
						out.append((i > 0) ? "," : "").append(rows.get(i)[0]);
					}
					long matched = rows.isEmpty() ? 0 : Long.parseLong(rows.get(0)[1]);
					out.append("],\"numberMatched\":")
						.append(matched)
						.append(",\"numberReturned\":")
						.append(rows.size())
						.append(",\"uncoveredHouseholds\":")
						.append(rows.isEmpty() ? "0" : rows.get(0)[2]);
					if (skip + rows.size() < matched) {
						out.append(",\"next\":")
							.append(JsonText.quote(uncoveredLink(trip, how, prefix) + "&limit=" + max + "&offset="
									+ (skip + rows.size()) + ((bbox != null) ? "&bbox=" + bbox : "")));
					}
					return out.append('}').toString();
				});
		});
	}

	@PostMapping(path = "/api/v1/coverage/siting", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { StationController.GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<String> siting(@RequestBody String body) {
		JsonNode request = parse(body);
		Reach.Trip trip = this.reach.trip(text(request, "minutes"), text(request, "mode"));
		String how = method(text(request, "method"));
		String prefix = area(text(request, "area"));
		String kText = text(request, "k");
		int k = StationController.number("k", (kText != null) ? kText : "3", 3, 1, this.maxK);
		InputCrs crs = crs(text(request, "crs"));
		List<double[]> given = candidates(request, crs,
				how.equals("network") ? this.maxNetworkCandidates : this.maxCandidates);
		int generated = how.equals("network") ? this.maxNetworkCandidates : this.maxCandidates;
		return ready(how).flatMap((state) -> {
			GenericExecuteSpec spec = bindCommon(this.db.sql(SITING), trip, how, prefix).bind("max_candidates",
					generated);
			if (given != null) {
				spec = spec.bind("lons", given.stream().map((p) -> p[0]).toArray(Double[]::new))
					.bind("lats", given.stream().map((p) -> p[1]).toArray(Double[]::new));
			}
			else {
				spec = spec.bindNull("lons", Double[].class).bindNull("lats", Double[].class);
			}
			return spec
				.map((row, meta) -> new SiteRow(row.get("lon", Double.class), row.get("lat", Double.class),
						row.get("origin", String.class), row.get("label", String.class),
						row.get("grid_code", String.class), row.get("ids", Long[].class),
						row.get("households", Integer[].class), row.get("area_households", Long.class),
						row.get("covered_households", Long.class)))
				.all()
				.collectList()
				.map((rows) -> sites(rows, k, trip, how, prefix, crs));
		});
	}

	private String sites(List<SiteRow> rows, int k, Reach.Trip trip, String how, String prefix, InputCrs crs) {
		List<SiteChooser.Candidate> candidates = new ArrayList<>(rows.size());
		for (SiteRow row : rows) {
			long[] ids = new long[row.ids().length];
			int[] households = new int[ids.length];
			for (int i = 0; i < ids.length; i++) {
				ids[i] = row.ids()[i];
				households[i] = row.households()[i];
			}
			candidates.add(new SiteChooser.Candidate(ids, households));
		}
		List<SiteChooser.Choice> choices = SiteChooser.choose(candidates, k);
		long total = rows.isEmpty() ? 0 : rows.get(0).areaHouseholds();
		long before = rows.isEmpty() ? 0 : rows.get(0).coveredHouseholds();
		StringBuilder out = new StringBuilder(600 + choices.size() * 400);
		out.append("{\"type\":\"FeatureCollection\",\"query\":")
			.append(query(trip, how, prefix))
			.append(",\"k\":")
			.append(k)
			.append(",\"candidates\":")
			.append(rows.size())
			.append(",\"households\":")
			.append(total)
			.append(",\"coveredBefore\":")
			.append(before);
		long cumulative = before;
		out.append(",\"features\":[");
		for (int i = 0; i < choices.size(); i++) {
			SiteChooser.Choice choice = choices.get(i);
			SiteRow row = rows.get(choice.index());
			cumulative += choice.households();
			double[] shown = crs.fromWgs84(row.lon(), row.lat());
			out.append((i > 0) ? "," : "")
				.append("{\"type\":\"Feature\",\"id\":")
				.append(i + 1)
				.append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
				.append(JsonText.degrees(row.lon()))
				.append(',')
				.append(JsonText.degrees(row.lat()))
				.append("]},\"properties\":{\"rank\":")
				.append(i + 1)
				.append(",\"origin\":")
				.append(JsonText.quote(row.origin()))
				.append(",\"label\":")
				.append(JsonText.quote(row.label()))
				.append(",\"gridCode\":")
				.append(JsonText.quote(row.gridCode()))
				.append(",\"lon\":")
				.append(JsonText.degrees(shown[0]))
				.append(",\"lat\":")
				.append(JsonText.degrees(shown[1]))
				.append(",\"crs\":")
				.append(JsonText.quote(crs.id()))
				.append(",\"addedHouseholds\":")
				.append(choice.households())
				.append(",\"addedAddresses\":")
				.append(choice.addresses())
				.append(",\"coveredHouseholds\":")
				.append(cumulative)
				.append(",\"share\":")
				.append((total > 0) ? Math.round(cumulative * 10000.0 / total) / 10000.0 : "null")
				.append("}}");
		}
		return out.append("],\"coveredAfter\":").append(cumulative).append('}').toString();
	}

	/** Network methods need pgRouting and a network: a 409 problem otherwise. */
	private Mono<RoadNetwork.State> ready(String method) {
		if (!method.equals("network")) {
			return Mono.just(new RoadNetwork.State(false, null, 0));
		}
		return this.network.state().map((state) -> {
			if (!state.available()) {
				throw StationProblem.networkUnavailable(state.reason());
			}
			return state;
		});
	}

	private GenericExecuteSpec bindCommon(GenericExecuteSpec spec, Reach.Trip trip, String method, String area) {
		spec = spec.bind("metres", trip.metres())
			.bind("method", method)
			.bind("snap", this.snapMetres)
			.bind("buffer", this.accessMetres);
		return (area != null) ? spec.bind("area", area) : spec.bindNull("area", String.class);
	}

	private String query(Reach.Trip trip, String method, String area) {
		return trip.json().substring(0, trip.json().length() - 1) + ",\"method\":\"" + method + "\",\"area\":"
				+ JsonText.quote(area) + (method.equals("network")
						? ",\"accessMetres\":" + this.accessMetres + ",\"snapMetres\":" + this.snapMetres : "")
				+ "}";
	}

	private static String uncoveredLink(Reach.Trip trip, String method, String area) {
		return "/api/v1/coverage/uncovered?minutes=" + trip.minutes() + "&mode=" + trip.mode() + "&method=" + method
				+ ((area != null) ? "&area=" + area : "");
	}

	static String method(String text) {
		if (text == null || text.isBlank()) {
			return "circle";
		}
		String method = text.strip().toLowerCase(Locale.ROOT);
		if (!method.equals("circle") && !method.equals("network")) {
			throw StationProblem.invalid("method",
					"'method' must be circle or network, got '" + StationProblem.abbreviate(text) + "'");
		}
		return method;
	}

	static String area(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String area = text.strip();
		if (!area.matches("^([0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$")) {
			throw StationProblem.invalid("area", "'area' must be a district (6 digits), street (9), community (12) "
					+ "or grid (15) code, got '" + StationProblem.abbreviate(text) + "'");
		}
		return area;
	}

	private static double[] bbox(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String[] parts = text.split(",");
		if (parts.length != 4) {
			throw StationProblem.invalid("bbox", "'bbox' takes minx,miny,maxx,maxy in WGS 84");
		}
		double[] box = new double[4];
		for (int i = 0; i < 4; i++) {
			try {
				box[i] = Coordinates.parse((i % 2 == 0) ? "bbox lon" : "bbox lat", parts[i]);
			}
			catch (IllegalArgumentException ex) {
				throw StationProblem.invalid("bbox", ex.getMessage());
			}
		}
		if (box[0] >= box[2] || box[1] >= box[3]) {
			throw StationProblem.invalid("bbox", "'bbox' must be minx,miny,maxx,maxy with min < max");
		}
		return box;
	}

	private JsonNode parse(String body) {
		JsonNode node;
		try {
			node = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw StationProblem.invalid("body", "The body is not JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw StationProblem.invalid("body", "The body must be a JSON object such as {\"k\": 3, \"minutes\": 15}");
		}
		for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!SITING_FIELDS.contains(name)) {
				throw StationProblem.invalid(name, "Unknown field '" + StationProblem.abbreviate(name)
						+ "'; siting takes " + String.join(", ", SITING_FIELDS.stream().sorted().toList()));
			}
		}
		return node;
	}

	/** A scalar field as text (numbers too), null when absent. */
	private static String text(JsonNode request, String field) {
		JsonNode value = request.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			throw StationProblem.invalid(field, "'" + field + "' must be a single value");
		}
		return value.asString();
	}

	private static InputCrs crs(String text) {
		try {
			return InputCrs.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw StationProblem.invalid("crs", ex.getMessage());
		}
	}

	/** The given candidates in WGS 84, or null when none are given. */
	private static List<double[]> candidates(JsonNode request, InputCrs crs, int max) {
		JsonNode list = request.get("candidates");
		if (list == null || list.isNull()) {
			return null;
		}
		if (!list.isArray() || list.isEmpty() || list.size() > max) {
			throw StationProblem.invalid("candidates", "'candidates' must be an array of 1 to " + max
					+ " points {\"lon\": …, \"lat\": …}, or left out to use addresses and grids");
		}
		List<double[]> points = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			JsonNode point = list.get(i);
			String prefix = "candidates[" + i + "].";
			if (!point.isObject()) {
				throw StationProblem.invalid("candidates[" + i + "]",
						"'candidates[" + i + "]' must be {\"lon\", \"lat\"}");
			}
			double lon = number(point, prefix + "lon", "lon");
			double lat = number(point, prefix + "lat", "lat");
			points.add(crs.toWgs84(lon, lat));
		}
		return points;
	}

	private static double number(JsonNode point, String name, String field) {
		JsonNode value = point.get(field);
		if (value != null && !value.isNull() && !value.isNumber()) {
			throw StationProblem.invalid(name, "'" + name + "' must be a number in decimal degrees");
		}
		try {
			return Coordinates.check(name, (value == null || value.isNull()) ? null : value.asDouble());
		}
		catch (IllegalArgumentException ex) {
			throw StationProblem.invalid(name, ex.getMessage());
		}
	}

	private record SiteRow(double lon, double lat, String origin, String label, String gridCode, Long[] ids,
			Integer[] households, long areaHouseholds, long coveredHouseholds) {
	}

}
