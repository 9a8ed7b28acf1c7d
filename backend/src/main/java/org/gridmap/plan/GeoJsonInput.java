package org.gridmap.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridmap.geo.ChinaCoordinates;
import org.gridmap.geo.InputCrs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict reader of planners' GeoJSON (RFC 7946) geometries, built on Jackson's tree
 * with explicit limits rather than on a lenient reader: every value that cannot be a grid
 * boundary is refused where it enters, with a JSON Pointer to it.
 * <p>
 * Refused: text that is not JSON (including {@code NaN} and {@code Infinity}, which JSON
 * does not have), duplicate member names, nesting deeper than the limit, numbers that
 * overflow a double ({@code 1e400}), positions that are not exactly {@code [lon, lat]}
 * (no Z or M), coordinates out of range or outside China (with a hint when lon and lat
 * look swapped), a {@code crs} member (GeoJSON 2008; RFC 7946 removed it, the coordinate
 * system is the {@code crs} query parameter), empty geometries, rings with fewer than 4
 * positions or not closed, more vertices than the limit, and, unless asked to keep them,
 * topologically invalid polygons (the JTS {@link IsValidOp} reason and point).
 * <p>
 * Coordinates are converted from the input coordinate system to WGS 84 here, before
 * anything else sees them. Instances are immutable and thread-safe.
 */
public final class GeoJsonInput {

	/** Full double precision: what the client sent is what is stored. */
	public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

	private final JsonMapper mapper;

	private final int maxVertices;

	/**
	 * @param maxNesting deepest nesting of arrays and objects in a request body
	 * @param maxVertices most positions in one geometry
	 */
	public GeoJsonInput(int maxNesting, int maxVertices) {
		this.maxVertices = maxVertices;
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNesting).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		this.mapper = JsonMapper.builder(factory)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * Parses a request body as JSON under the limits.
	 * @throws PlanProblem 400 when it is not JSON or exceeds the nesting limit
	 */
	public JsonNode parse(byte[] body) {
		if (body.length == 0) {
			throw PlanProblem.invalid("body", "", "The request body is empty; it must be a JSON object.");
		}
		try {
			JsonNode node = this.mapper.readTree(body);
			if (node == null || node.isMissingNode()) {
				throw PlanProblem.invalid("body", "", "The request body is empty; it must be a JSON object.");
			}
			return node;
		}
		catch (StreamConstraintsException ex) {
			throw PlanProblem.invalid("body", "", "The request body is nested too deeply or too large: "
					+ PlanProblem.abbreviate(ex.getOriginalMessage()) + location(ex));
		}
		catch (JacksonException ex) {
			throw PlanProblem.invalid("body", "",
					"The request body is not valid JSON" + location(ex) + ": " + firstLine(ex.getOriginalMessage()));
		}
	}

	/**
	 * Reads a grid boundary: a {@code Polygon} or {@code MultiPolygon}, or a Feature
	 * holding one.
	 * @param node the GeoJSON value
	 * @param parameter the member name to report
	 * @param pointer the JSON Pointer of {@code node} in the request body
	 * @param crs the coordinate system the positions are in
	 * @param keepInvalid whether a topologically invalid polygon is returned rather than
	 * refused
	 */
	public Geometry polygonal(JsonNode node, String parameter, String pointer, InputCrs crs, boolean keepInvalid) {
		Reading reading = new Reading(parameter, crs);
		JsonNode geometry = unwrap(node, reading, pointer);
		String at = geometry.equals(node) ? pointer : pointer + "/geometry";
		String type = type(geometry, reading, at);
		JsonNode coordinates = coordinates(geometry, reading, at);
		Geometry result = switch (type) {
			case "Polygon" -> polygon(coordinates, reading, at + "/coordinates");
			case "MultiPolygon" -> {
				if (coordinates.size() == 0) {
					throw reading.fail(at + "/coordinates", "The MultiPolygon is empty");
				}
				Polygon[] polygons = new Polygon[coordinates.size()];
				for (int i = 0; i < polygons.length; i++) {
					polygons[i] = polygon(coordinates.get(i), reading, at + "/coordinates/" + i);
				}
				yield FACTORY.createMultiPolygon(polygons);
			}
			default -> throw reading.fail(at + "/type",
					"A grid boundary must be a Polygon or MultiPolygon, got " + PlanProblem.abbreviate(type));
		};
		if (!keepInvalid) {
			requireValid(result, parameter, at);
		}
		return result;
	}

	/** Reads a cutting line: a {@code LineString}, or a Feature holding one. */
	public LineString line(JsonNode node, String parameter, String pointer, InputCrs crs) {
		Reading reading = new Reading(parameter, crs);
		JsonNode geometry = unwrap(node, reading, pointer);
		String at = geometry.equals(node) ? pointer : pointer + "/geometry";
		String type = type(geometry, reading, at);
		if (!"LineString".equals(type)) {
			throw reading.fail(at + "/type",
					"A cutting line must be a LineString, got " + PlanProblem.abbreviate(type));
		}
		JsonNode coordinates = coordinates(geometry, reading, at);
		Coordinate[] points = positions(coordinates, reading, at + "/coordinates");
		if (points.length < 2) {
			throw reading.fail(at + "/coordinates", "A LineString needs at least 2 positions, got " + points.length);
		}
		LineString line = FACTORY.createLineString(points);
		if (line.getLength() == 0) {
			throw reading.fail(at + "/coordinates", "The LineString has no length (all its positions are equal)");
		}
		return line;
	}

	/**
	 * Refuses a topologically invalid geometry with the JTS reason and the point where it
	 * was found.
	 */
	public static void requireValid(Geometry geometry, String parameter, String pointer) {
		TopologyValidationError error = new IsValidOp(geometry).getValidationError();
		if (error != null) {
			Coordinate at = error.getCoordinate();
			PlanProblem problem = PlanProblem.invalidGeometry(parameter, pointer,
					"The geometry is not valid: " + error.getMessage()
							+ ((at != null) ? " at (" + at.x + ", " + at.y + ")" : "")
							+ ". Redraw it (or send \"keepInvalid\": true to keep it in the draft for now).");
			problem.with("reason", error.getMessage());
			if (at != null) {
				problem.with("location", new double[] { at.x, at.y });
			}
			throw problem;
		}
	}

	private JsonNode unwrap(JsonNode node, Reading reading, String pointer) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			throw reading.fail(pointer, "'" + reading.parameter + "' is required: a GeoJSON geometry");
		}
		if (!node.isObject()) {
			throw reading.fail(pointer, "'" + reading.parameter + "' must be a GeoJSON object");
		}
		noCrs(node, reading, pointer);
		JsonNode type = node.get("type");
		if (type != null && type.isString() && "Feature".equals(type.stringValue())) {
			JsonNode geometry = node.get("geometry");
			if (geometry == null || !geometry.isObject()) {
				throw reading.fail(pointer + "/geometry", "The Feature has no geometry object");
			}
			noCrs(geometry, reading, pointer + "/geometry");
			return geometry;
		}
		return node;
	}

	private static void noCrs(JsonNode node, Reading reading, String pointer) {
		if (node.has("crs")) {
			throw reading.fail(pointer + "/crs",
					"The 'crs' member is not part of GeoJSON (RFC 7946 removed it); give positions as lon, lat in "
							+ "WGS 84, or name the coordinate system with the crs query parameter "
							+ "(EPSG:4326, EPSG:4490, GCJ-02, BD-09)");
		}
	}

	private static String type(JsonNode geometry, Reading reading, String pointer) {
		JsonNode type = geometry.get("type");
		if (type == null || !type.isString()) {
			throw reading.fail(pointer + "/type", "The geometry has no 'type' string");
		}
		return type.stringValue();
	}

	private static JsonNode coordinates(JsonNode geometry, Reading reading, String pointer) {
		JsonNode coordinates = geometry.get("coordinates");
		if (coordinates == null || !coordinates.isArray()) {
			throw reading.fail(pointer + "/coordinates", "The geometry has no 'coordinates' array");
		}
		if (coordinates.size() == 0) {
			throw reading.fail(pointer + "/coordinates", "The geometry is empty");
		}
		return coordinates;
	}

	private Polygon polygon(JsonNode rings, Reading reading, String pointer) {
		if (!rings.isArray() || rings.size() == 0) {
			throw reading.fail(pointer, "A polygon must be a non-empty array of rings");
		}
		LinearRing shell = ring(rings.get(0), reading, pointer + "/0");
		LinearRing[] holes = new LinearRing[rings.size() - 1];
		for (int i = 1; i < rings.size(); i++) {
			holes[i - 1] = ring(rings.get(i), reading, pointer + "/" + i);
		}
		return FACTORY.createPolygon(shell, holes);
	}

	private LinearRing ring(JsonNode node, Reading reading, String pointer) {
		if (!node.isArray()) {
			throw reading.fail(pointer, "A ring must be an array of positions");
		}
		Coordinate[] points = positions(node, reading, pointer);
		if (points.length < 4) {
			throw reading.fail(pointer, "A ring needs at least 4 positions (first = last), got " + points.length);
		}
		if (!points[0].equals2D(points[points.length - 1])) {
			throw reading.fail(pointer + "/" + (points.length - 1),
					"The ring is not closed: its last position must equal its first (" + points[0].x + ", "
							+ points[0].y + ")");
		}
		// The same closing point, exactly, after conversion of the last position.
		points[points.length - 1] = points[0].copy();
		return FACTORY.createLinearRing(points);
	}

	private Coordinate[] positions(JsonNode array, Reading reading, String pointer) {
		if (!array.isArray()) {
			throw reading.fail(pointer, "Expected an array of positions");
		}
		Coordinate[] points = new Coordinate[array.size()];
		for (int i = 0; i < points.length; i++) {
			if (++reading.vertices > this.maxVertices) {
				throw reading.fail(pointer + "/" + i,
						"The geometry has more than " + this.maxVertices + " vertices (GRIDMAP_PLAN_MAX_VERTICES)");
			}
			points[i] = position(array.get(i), reading, pointer + "/" + i);
		}
		return points;
	}

	private static Coordinate position(JsonNode node, Reading reading, String pointer) {
		if (!node.isArray()) {
			throw reading.fail(pointer, "A position must be an array [lon, lat]");
		}
		if (node.size() != 2) {
			throw reading.fail(pointer, "A position must be exactly [lon, lat], got " + node.size() + " values"
					+ ((node.size() > 2) ? " (heights and measures, 3D/4D, are not accepted)" : ""));
		}
		double lon = number(node.get(0), reading, pointer + "/0");
		double lat = number(node.get(1), reading, pointer + "/1");
		if (lon < -180 || lon > 180) {
			throw reading.fail(pointer + "/0", "Longitude must be between -180 and 180, got " + lon);
		}
		if (lat < -90 || lat > 90) {
			throw reading.fail(pointer + "/1", "Latitude must be between -90 and 90, got " + lat
					+ ((Math.abs(lat) <= 180 && Math.abs(lon) <= 90) ? " (are lon and lat swapped?)" : ""));
		}
		if (!ChinaCoordinates.isInsideChinaBox(lon, lat)) {
			throw reading.fail(pointer, "The position (" + lon + ", " + lat + ") is outside China"
					+ (ChinaCoordinates.isInsideChinaBox(lat, lon) ? " (are lon and lat swapped?)" : ""));
		}
		double[] wgs = reading.crs.toWgs84(lon, lat);
		return new Coordinate(wgs[0], wgs[1]);
	}

	private static double number(JsonNode node, Reading reading, String pointer) {
		if (node == null || !node.isNumber()) {
			throw reading.fail(pointer, "A coordinate must be a number, got "
					+ ((node == null) ? "nothing" : PlanProblem.abbreviate(node.toString())));
		}
		double value = node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
		if (!Double.isFinite(value)) {
			BigDecimal given = node.decimalValue();
			throw reading.fail(pointer, "A coordinate must be a finite number; "
					+ PlanProblem.abbreviate(given.toString().toLowerCase(Locale.ROOT)) + " overflows");
		}
		return value;
	}

	private static String location(JacksonException ex) {
		if (ex.getLocation() == null || ex.getLocation().getLineNr() < 0) {
			return "";
		}
		return " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int end = message.indexOf('\n');
		return PlanProblem.abbreviate((end < 0) ? message : message.substring(0, end));
	}

	/** One geometry being read: what to report, the input CRS and the vertex count. */
	private static final class Reading {

		final String parameter;

		final InputCrs crs;

		int vertices;

		Reading(String parameter, InputCrs crs) {
			this.parameter = parameter;
			this.crs = crs;
		}

		PlanProblem fail(String pointer, String detail) {
			return PlanProblem.invalidGeometry(this.parameter, pointer, detail + " (at " + pointer + ").");
		}

	}

	/** The pieces of a Polygon or MultiPolygon. */
	static List<Polygon> polygons(Geometry geometry) {
		List<Polygon> out = new ArrayList<>();
		for (int i = 0; i < geometry.getNumGeometries(); i++) {
			if (geometry.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
				out.add(p);
			}
		}
		return out;
	}

}
