package org.gridmap.gridfile;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a GeoJSON FeatureCollection (RFC 7946) strictly, as a stream: features one after
 * the other, coordinates counted as they are read, so a file over the limits is refused
 * before it is held in memory. Refused (400, with feature, line and column): anything but
 * a FeatureCollection of Features with Polygon or MultiPolygon geometry; a missing, null
 * or empty geometry; unclosed rings and rings of fewer than 4 positions; NaN, Infinity
 * and numbers that overflow a double (1e400); positions of fewer than 2 or more than 4
 * numbers; arrays nested deeper than a MultiPolygon; duplicate member names; trailing
 * content. Accepted with a note: a third and fourth number in a position (Z and M) are
 * dropped, since grids are flat. A top-level {@code crs} member (the 2008 specification;
 * RFC 7946 removed it) is honoured when it names a system {@link SourceCrs} knows and
 * refused otherwise; on a geometry it is refused. Self-intersecting rings (bow-ties) are
 * read as they are and reported as invalid by {@link GridFiles}, so that the planner sees
 * the reason and the location.
 */
final class GeoJsonReader {

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(GridfileLimits.MAX_JSON_DEPTH)
			.maxNumberLength(100)
			.maxStringLength(1_000_000)
			.maxNameLength(1_000)
			.build())
		.build();

	private final GeometryFactory geometries = new GeometryFactory();

	private final Budget budget;

	private final List<String> notes = new ArrayList<>();

	private int zDropped;

	private JsonParser parser;

	GeoJsonReader(Budget budget) {
		this.budget = budget;
	}

	RawFile read(InputStream in) {
		try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), in)) {
			this.parser = p;
			return collection();
		}
		catch (JacksonException ex) {
			TokenStreamLocation at = ex.getLocation();
			String message = ex.getOriginalMessage();
			int cut = message.indexOf('\n');
			throw GridfileProblem
				.file("Not valid JSON: " + ((cut > 0) ? message.substring(0, cut) : message)
						+ ((at != null) ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")." : "."))
				.at((at != null) ? at.getLineNr() : 0, (at != null) ? at.getColumnNr() : 0);
		}
	}

	private RawFile collection() {
		if (this.parser.nextToken() != JsonToken.START_OBJECT) {
			throw here(GridfileProblem.file("A GeoJSON file must be one FeatureCollection object."));
		}
		TokenStreamLocation start = this.parser.currentTokenLocation();
		String type = null;
		SourceCrs declared = null;
		List<RawFeature> features = null;
		while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = this.parser.currentName();
			JsonToken value = this.parser.nextToken();
			switch (name) {
				case "type" -> type = string("type");
				case "crs" -> declared = crs();
				case "features" -> {
					if (value != JsonToken.START_ARRAY) {
						throw here(GridfileProblem.file("'features' must be an array."));
					}
					features = new ArrayList<>();
					while (this.parser.nextToken() != JsonToken.END_ARRAY) {
						this.budget.feature();
						features.add(feature(this.budget.features()));
					}
				}
				default -> this.parser.skipChildren();
			}
		}
		if (!"FeatureCollection".equals(type)) {
			throw GridfileProblem
				.file("The top-level object must have \"type\": \"FeatureCollection\", not "
						+ ((type == null) ? "none" : "'" + GridfileProblem.abbreviate(type) + "'") + ".")
				.at(start.getLineNr(), start.getColumnNr());
		}
		if (features == null || features.isEmpty()) {
			throw GridfileProblem.file("The FeatureCollection has no features.")
				.at(start.getLineNr(), start.getColumnNr());
		}
		if (this.parser.nextToken() != null) {
			throw here(GridfileProblem.file("Content after the FeatureCollection."));
		}
		if (this.zDropped > 0) {
			this.notes.add(this.zDropped + " position(s) had a third or fourth number (Z, M): dropped.");
		}
		return new RawFile("geojson", declared, features, this.notes);
	}

	/**
	 * The 2008 specification's named CRS: {"type": "name", "properties": {"name": …}}.
	 */
	private SourceCrs crs() {
		long line = this.parser.currentTokenLocation().getLineNr();
		Object value = value();
		String name = null;
		if (value instanceof Map<?, ?> crs && "name".equals(crs.get("type"))
				&& crs.get("properties") instanceof Map<?, ?> properties
				&& properties.get("name") instanceof String text) {
			name = text;
		}
		if (name == null) {
			throw GridfileProblem
				.file("The 'crs' member must be {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:…\"}}; "
						+ "better: leave it out and give the crs parameter.")
				.at(line, 0);
		}
		try {
			return SourceCrs.parse(name);
		}
		catch (IllegalArgumentException ex) {
			throw GridfileProblem.file("The file's 'crs' member: " + ex.getMessage() + ".").at(line, 0);
		}
	}

	private RawFeature feature(int index) {
		TokenStreamLocation start = this.parser.currentTokenLocation();
		if (this.parser.currentToken() != JsonToken.START_OBJECT) {
			throw here(GridfileProblem.feature(index, "each element of 'features' must be a Feature object."));
		}
		String type = null;
		Map<String, Object> properties = Map.of();
		Geometry geometry = null;
		boolean sawGeometry = false;
		while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = this.parser.currentName();
			JsonToken token = this.parser.nextToken();
			switch (name) {
				case "type" -> type = string("type");
				case "properties" -> {
					Object value = value();
					if (value instanceof Map<?, ?> map) {
						@SuppressWarnings("unchecked")
						Map<String, Object> props = (Map<String, Object>) map;
						properties = props;
					}
					else if (value != null) {
						throw here(GridfileProblem.feature(index, "'properties' must be an object or null."));
					}
				}
				case "geometry" -> {
					sawGeometry = true;
					if (token == JsonToken.VALUE_NULL) {
						throw here(GridfileProblem.feature(index, "the geometry is null; every grid needs a polygon."));
					}
					geometry = geometry(index);
				}
				default -> this.parser.skipChildren();
			}
		}
		if (!"Feature".equals(type)) {
			throw GridfileProblem.feature(index, "\"type\" must be \"Feature\".")
				.at(start.getLineNr(), start.getColumnNr());
		}
		if (!sawGeometry) {
			throw GridfileProblem.feature(index, "it has no geometry.").at(start.getLineNr(), start.getColumnNr());
		}
		return new RawFeature(index, properties, geometry, start.getLineNr(), start.getColumnNr());
	}

	private Geometry geometry(int index) {
		if (this.parser.currentToken() != JsonToken.START_OBJECT) {
			throw here(GridfileProblem.feature(index, "the geometry must be an object."));
		}
		TokenStreamLocation start = this.parser.currentTokenLocation();
		String type = null;
		Object coordinates = null;
		long count = 0;
		while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = this.parser.currentName();
			this.parser.nextToken();
			switch (name) {
				case "type" -> type = string("type");
				case "coordinates" -> {
					long before = this.budget.vertices();
					coordinates = coordinates(index, 1);
					count = this.budget.vertices() - before;
				}
				case "crs" -> throw here(GridfileProblem.feature(index,
						"a 'crs' member on a geometry is not supported; give the crs parameter."));
				default -> this.parser.skipChildren();
			}
		}
		if (!"Polygon".equals(type) && !"MultiPolygon".equals(type)) {
			throw GridfileProblem
				.feature(index,
						"the geometry type is "
								+ ((type == null) ? "missing" : "'" + GridfileProblem.abbreviate(type) + "'")
								+ "; grids are Polygon or MultiPolygon.")
				.at(start.getLineNr(), start.getColumnNr());
		}
		if (coordinates == null) {
			throw problem(index, start, "the geometry has no coordinates.");
		}
		if (count == 0) {
			throw problem(index, start, "the geometry is empty; every grid needs a polygon.");
		}
		return "Polygon".equals(type) ? polygon(index, start, coordinates, "")
				: multiPolygon(index, start, coordinates);
	}

	private Geometry multiPolygon(int index, TokenStreamLocation start, Object coordinates) {
		List<?> parts = list(index, start, coordinates, "MultiPolygon coordinates must be an array of polygons");
		Polygon[] polygons = new Polygon[parts.size()];
		for (int i = 0; i < polygons.length; i++) {
			polygons[i] = polygon(index, start, parts.get(i), "polygon " + (i + 1) + ", ");
		}
		return this.geometries.createMultiPolygon(polygons);
	}

	private Polygon polygon(int index, TokenStreamLocation start, Object coordinates, String where) {
		List<?> rings = list(index, start, coordinates, where + "polygon coordinates must be an array of rings");
		if (rings.isEmpty()) {
			throw problem(index, start, where + "the polygon is empty.");
		}
		LinearRing[] linear = new LinearRing[rings.size()];
		for (int r = 0; r < linear.length; r++) {
			String ring = where + ((r == 0) ? "exterior ring" : "hole " + r);
			List<?> positions = list(index, start, rings.get(r), ring + " must be an array of positions");
			if (positions.size() < 4) {
				throw problem(index, start, ring + " has " + positions.size() + " positions; a ring needs at least 4.");
			}
			Coordinate[] points = new Coordinate[positions.size()];
			for (int i = 0; i < points.length; i++) {
				if (!(positions.get(i) instanceof double[] xy)) {
					throw problem(index, start, ring + ": position " + (i + 1) + " is not a position.");
				}
				points[i] = new Coordinate(xy[0], xy[1]);
			}
			if (!points[0].equals2D(points[points.length - 1])) {
				throw problem(index, start, ring + " is not closed: it starts at " + text(points[0]) + " and ends at "
						+ text(points[points.length - 1]) + ".");
			}
			linear[r] = this.geometries.createLinearRing(points);
		}
		return this.geometries.createPolygon(linear[0], java.util.Arrays.copyOfRange(linear, 1, linear.length));
	}

	private static String text(Coordinate c) {
		return "[" + c.x + ", " + c.y + "]";
	}

	private static List<?> list(int index, TokenStreamLocation start, Object value, String message) {
		if (value instanceof List<?> list) {
			return list;
		}
		throw problem(index, start, message + ".");
	}

	private static GridfileProblem problem(int index, TokenStreamLocation start, String detail) {
		return GridfileProblem.feature(index, detail).at(start.getLineNr(), start.getColumnNr());
	}

	/**
	 * Nested arrays of positions: a position becomes a {@code double[2]}, an array a
	 * List. At most 4 levels (MultiPolygon: polygons, rings, positions, numbers).
	 */
	private Object coordinates(int index, int depth) {
		if (this.parser.currentToken() != JsonToken.START_ARRAY) {
			throw here(GridfileProblem.feature(index, "coordinates must be arrays of numbers."));
		}
		JsonToken first = this.parser.nextToken();
		if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
			return position(index);
		}
		if (depth >= 4) {
			throw here(GridfileProblem.feature(index, "coordinates are nested deeper than a MultiPolygon's."));
		}
		List<Object> items = new ArrayList<>();
		for (JsonToken token = first; token != JsonToken.END_ARRAY; token = this.parser.nextToken()) {
			if (token != JsonToken.START_ARRAY) {
				throw here(GridfileProblem.feature(index,
						"coordinates must be arrays of numbers, found " + token
								+ ((token == JsonToken.VALUE_STRING)
										? " '" + GridfileProblem.abbreviate(this.parser.getString()) + "'" : "")
								+ "."));
			}
			items.add(coordinates(index, depth + 1));
		}
		return items;
	}

	private double[] position(int index) {
		double[] xy = new double[2];
		int n = 0;
		for (JsonToken token = this.parser.currentToken(); token != JsonToken.END_ARRAY; token = this.parser
			.nextToken()) {
			if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
				throw here(GridfileProblem.feature(index, "a position holds numbers only, found " + token + "."));
			}
			double value = this.parser.getDoubleValue();
			if (!Double.isFinite(value)) {
				throw here(GridfileProblem.feature(index,
						"the number " + GridfileProblem.abbreviate(this.parser.getString())
								+ " is not a finite double (it overflows)."));
			}
			if (n < 2) {
				xy[n] = value;
			}
			n++;
		}
		if (n < 2 || n > 4) {
			throw here(GridfileProblem.feature(index,
					"a position has " + n + " number(s); it needs 2 (longitude, latitude), at most 4 (with Z, M)."));
		}
		if (n > 2) {
			this.zDropped++;
		}
		this.budget.vertices(1);
		return xy;
	}

	private String string(String member) {
		if (this.parser.currentToken() != JsonToken.VALUE_STRING) {
			throw here(GridfileProblem.file("'" + member + "' must be a string."));
		}
		return this.parser.getString();
	}

	/** Any JSON value as Map, List, String, Number, Boolean or null. */
	private Object value() {
		JsonToken token = this.parser.currentToken();
		switch (token) {
			case START_OBJECT -> {
				Map<String, Object> map = new LinkedHashMap<>();
				while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = this.parser.currentName();
					this.parser.nextToken();
					map.put(name, value());
				}
				return map;
			}
			case START_ARRAY -> {
				List<Object> list = new ArrayList<>();
				while (this.parser.nextToken() != JsonToken.END_ARRAY) {
					list.add(value());
				}
				return list;
			}
			case VALUE_STRING -> {
				return this.parser.getString();
			}
			case VALUE_NUMBER_INT -> {
				return this.parser.getNumberValue();
			}
			case VALUE_NUMBER_FLOAT -> {
				double value = this.parser.getDoubleValue();
				if (!Double.isFinite(value)) {
					throw here(GridfileProblem.file("The number " + GridfileProblem.abbreviate(this.parser.getString())
							+ " is not a finite double (it overflows)."));
				}
				return value;
			}
			case VALUE_TRUE, VALUE_FALSE -> {
				return token == JsonToken.VALUE_TRUE;
			}
			default -> {
				return null;
			}
		}
	}

	private GridfileProblem here(GridfileProblem problem) {
		TokenStreamLocation at = this.parser.currentTokenLocation();
		return problem.at(at.getLineNr(), at.getColumnNr());
	}

}
