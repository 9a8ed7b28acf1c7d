package org.gridmap.gridfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridmap.geo.ChinaCoordinates;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import org.springframework.stereotype.Component;

/**
 * Reads an uploaded grid file of any supported format into {@link GridRecord}s in WGS 84:
 * picks the reader, settles the source coordinate system, converts every position, checks
 * that it lands in China (so swapped axes and a wrong {@code crs} are caught), maps the
 * attributes, and notes invalid geometries. Blocking: call it off the event loop.
 * <p>
 * The coordinate system: the {@code crs} parameter when given, whatever the file says
 * (data drawn on Chinese web maps is GCJ-02 but labelled WGS 84, as GCJ-02 has no EPSG
 * code); otherwise the file's own (.prj, GeoPackage srs, GeoJSON {@code crs} member);
 * otherwise WGS 84 for GeoJSON (RFC 7946) and a 400 asking for {@code crs} for the other
 * formats.
 * <p>
 * Attributes, by property name, ignoring case, {@code _} and {@code -}: {@code code}
 * (also {@code gridcode}; required, 15 digits, unique in the file), {@code name},
 * {@code type} ({@code urban}, {@code rural}, {@code special}; also 城市, 农村, 专属),
 * {@code households}, {@code population}, and the community as {@code communityCode},
 * {@code parentCode}, {@code parent} or {@code community} (optional: a grid's community
 * is its code's first 12 digits, and a different value is refused). Shapefile's
 * ten-letter cuts ({@code communityC}, {@code households}) are recognised.
 */
@Component
public class GridFiles {

	static final Set<String> FORMATS = Set.of("geojson", "gpkg", "shapefile");

	private final GridfileLimits limits;

	GridFiles(GridfileLimits limits) {
		this.limits = limits;
	}

	/**
	 * @param file the uploaded file, already within the byte limit
	 * @param filename the name the client gave, for the format; may be null
	 * @param format {@code geojson}, {@code gpkg}, {@code shapefile} (or {@code shp},
	 * {@code zip}); null to tell by name and content
	 * @param crs the {@code crs} parameter; null to use the file's own
	 */
	public ParsedFile read(Path file, String filename, String format, String crs) {
		SourceCrs given = null;
		if (crs != null && !crs.isBlank()) {
			try {
				given = SourceCrs.parse(crs);
			}
			catch (IllegalArgumentException ex) {
				throw GridfileProblem.parameter("crs", ex.getMessage() + ".");
			}
		}
		String kind = format(file, filename, format);
		Budget budget = new Budget(this.limits);
		RawFile raw;
		try {
			raw = switch (kind) {
				case "geojson" -> {
					try (InputStream in = Files.newInputStream(file)) {
						yield new GeoJsonReader(budget).read(in);
					}
				}
				case "gpkg" -> new GeoPackageReader(budget).read(file);
				default -> new ShapefileReader(budget, this.limits.maxBytes()).read(file);
			};
		}
		catch (IOException ex) {
			throw GridfileProblem.file("The file could not be read: " + ex.getMessage() + ".");
		}
		List<String> notes = new ArrayList<>(raw.notes());
		SourceCrs used = given;
		if (used == null) {
			used = raw.declared();
		}
		else if (raw.declared() != null && !raw.declared().id().equals(given.id())) {
			notes.add("The file declares " + raw.declared().id() + "; the crs parameter " + given.id()
					+ " was used, as given.");
		}
		if (used == null) {
			if (!"geojson".equals(kind)) {
				throw GridfileProblem.parameter("crs", "The file does not say which coordinate system it is in; give "
						+ "the crs parameter (EPSG:4326, EPSG:4490, EPSG:4547 …, GCJ-02 or BD-09).");
			}
			used = SourceCrs.WGS84;
		}
		List<GridRecord> grids = new ArrayList<>(raw.features().size());
		List<ParsedFile.InvalidGeometry> invalid = new ArrayList<>();
		Map<String, Integer> codes = new HashMap<>();
		SourceCrs.Converter converter = used.converter();
		for (RawFeature feature : raw.features()) {
			Geometry geometry = convert(feature, used, converter);
			GridRecord grid = record(feature, geometry);
			Integer earlier = codes.putIfAbsent(grid.code(), feature.feature());
			if (earlier != null) {
				throw located(GridfileProblem
					.feature(feature.feature(),
							"the code " + grid.code() + " is also used by feature " + earlier
									+ "; codes must be unique.")
					.with("code", grid.code())
					.with("property", "code"), feature);
			}
			TopologyValidationError error = new IsValidOp(geometry).getValidationError();
			if (error != null) {
				invalid.add(new ParsedFile.InvalidGeometry(feature.feature(), grid.code(), error.getMessage(),
						new double[] { error.getCoordinate().x, error.getCoordinate().y }));
			}
			grids.add(grid);
		}
		return new ParsedFile(kind, used.id(), (raw.declared() != null) ? raw.declared().id() : null, grids, invalid,
				notes, geometryPoints(grids));
	}

	private static long geometryPoints(List<GridRecord> grids) {
		return grids.stream().mapToLong((g) -> g.geometry().getNumPoints()).sum();
	}

	private static String format(Path file, String filename, String format) {
		if (format != null && !format.isBlank()) {
			String value = format.strip().toLowerCase(Locale.ROOT);
			return switch (value) {
				case "geojson", "json" -> "geojson";
				case "gpkg", "geopackage" -> "gpkg";
				case "shapefile", "shp", "zip" -> "shapefile";
				default -> throw GridfileProblem.parameter("format",
						"Unknown format '" + GridfileProblem.abbreviate(value) + "'; use geojson, gpkg or shapefile.");
			};
		}
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(16);
		}
		catch (IOException ex) {
			throw GridfileProblem.file("The file could not be read.");
		}
		if (head.length >= 15
				&& new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3")) {
			return "gpkg";
		}
		if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			return "shapefile";
		}
		String name = (filename != null) ? filename.toLowerCase(Locale.ROOT) : "";
		for (byte b : head) {
			if (b == '{' || name.endsWith(".geojson") || name.endsWith(".json")) {
				return "geojson";
			}
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != (byte) 0xEF && b != (byte) 0xBB
					&& b != (byte) 0xBF) {
				break;
			}
		}
		throw GridfileProblem.parameter("format", "The file is neither GeoJSON, a GeoPackage nor a zipped "
				+ "shapefile; give the format parameter (geojson, gpkg or shapefile) if it is one.");
	}

	/**
	 * Converts a copy of the geometry to WGS 84, checking every position: within ±180/±90
	 * when the source is in degrees, and inside China after conversion.
	 */
	private static Geometry convert(RawFeature feature, SourceCrs crs, SourceCrs.Converter converter) {
		Geometry copy = feature.geometry().copy();
		boolean degrees = crs.geographic();
		copy.apply(new CoordinateSequenceFilter() {
			@Override
			public void filter(CoordinateSequence seq, int i) {
				double x = seq.getX(i);
				double y = seq.getY(i);
				if (degrees && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
					throw located(GridfileProblem.feature(feature.feature(),
							"the position [" + x + ", " + y + "] is out of range for " + crs.id()
									+ " (longitude ±180, latitude ±90)"
									+ ((Math.abs(y) > 90 && Math.abs(x) <= 90) ? "; are longitude and latitude swapped?"
											: (Math.abs(x) > 1000)
													? "; are these projected metres? give the crs parameter" : "")
									+ "."),
							feature);
				}
				double[] wgs;
				try {
					wgs = converter.toWgs84(x, y);
				}
				catch (RuntimeException ex) {
					throw located(
							GridfileProblem.feature(feature.feature(),
									"the position [" + x + ", " + y + "] cannot be converted from " + crs.id() + "."),
							feature);
				}
				if (!Double.isFinite(wgs[0]) || !Double.isFinite(wgs[1])
						|| !ChinaCoordinates.isInsideChinaBox(wgs[0], wgs[1])) {
					boolean swapped = Double.isFinite(wgs[0]) && Double.isFinite(wgs[1])
							&& ChinaCoordinates.isInsideChinaBox(wgs[1], wgs[0]);
					throw located(GridfileProblem.feature(feature.feature(), "the position [" + x + ", " + y + "] in "
							+ crs.id() + " lies outside China"
							+ (degrees ? "" : " once converted (" + wgs[0] + ", " + wgs[1] + ")")
							+ (swapped ? "; are longitude and latitude swapped?" : "; is the crs parameter right?")),
							feature);
				}
				seq.setOrdinate(i, 0, wgs[0]);
				seq.setOrdinate(i, 1, wgs[1]);
			}

			@Override
			public boolean isDone() {
				return false;
			}

			@Override
			public boolean isGeometryChanged() {
				return true;
			}
		});
		copy.geometryChanged();
		copy.setSRID(4326);
		return copy;
	}

	private static GridfileProblem located(GridfileProblem problem, RawFeature feature) {
		return problem.at(feature.line(), feature.column());
	}

	private static GridRecord record(RawFeature feature, Geometry geometry) {
		Map<String, Object> properties = new HashMap<>();
		for (Map.Entry<String, Object> e : feature.properties().entrySet()) {
			String key = e.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
			properties.put(key, e.getValue());
		}
		int index = feature.feature();
		String code = text(first(properties, "code", "gridcode"));
		if (code == null) {
			throw located(GridfileProblem
				.feature(index,
						"it has no 'code' property; every grid needs its 15-digit "
								+ "code (6 division + 3 street + 3 community + 3 sequence).")
				.with("property", "code"), feature);
		}
		if (code.matches("[0-9]{15}\\.0+")) {
			code = code.substring(0, 15);
		}
		if (!code.matches("[0-9]{15}")) {
			throw located(GridfileProblem
				.feature(index, "the code '" + GridfileProblem.abbreviate(code) + "' is not 15 digits.")
				.with("property", "code"), feature);
		}
		String name = text(first(properties, "name", "gridname"));
		if (name != null && (name.isEmpty() || name.length() > 200)) {
			throw located(GridfileProblem.feature(index, "the name must hold 1 to 200 characters.")
				.with("property", "name")
				.with("code", code), feature);
		}
		String type = text(first(properties, "type", "gridtype"));
		if (type != null) {
			type = switch (type.toLowerCase(Locale.ROOT)) {
				case "urban", "城市", "城市网格" -> "urban";
				case "rural", "农村", "农村网格" -> "rural";
				case "special", "专属", "专属网格", "特殊" -> "special";
				default -> throw located(
						GridfileProblem
							.feature(index,
									"the type '" + GridfileProblem.abbreviate(type)
											+ "' is none of urban, rural, special.")
							.with("property", "type")
							.with("code", code),
						feature);
			};
		}
		Integer households = count(feature, code, "households", first(properties, "households", "household"));
		Integer population = count(feature, code, "population", first(properties, "population", "pop"));
		String parent = text(first(properties, "communitycode", "communityc", "parentcode", "parent", "community"));
		if (parent != null && !parent.equals(code.substring(0, 12))) {
			throw located(GridfileProblem
				.feature(index,
						"its community " + GridfileProblem.abbreviate(parent)
								+ " is not the first 12 digits of its code " + code + ".")
				.with("property", "communityCode")
				.with("code", code), feature);
		}
		return new GridRecord(index, code, name, type, households, population, code.substring(0, 12), geometry);
	}

	private static Object first(Map<String, Object> properties, String... keys) {
		for (String key : keys) {
			if (properties.get(key) != null) {
				return properties.get(key);
			}
		}
		return null;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e16) {
			return Long.toString(d.longValue());
		}
		return value.toString().strip();
	}

	private static Integer count(RawFeature feature, String code, String property, Object value) {
		if (value == null || (value instanceof String s && s.isBlank())) {
			return null;
		}
		try {
			double number = (value instanceof Number n) ? n.doubleValue() : Double.parseDouble(value.toString());
			if (number < 0 || number != Math.rint(number) || number > Integer.MAX_VALUE) {
				throw new NumberFormatException();
			}
			return (int) number;
		}
		catch (NumberFormatException ex) {
			throw located(GridfileProblem
				.feature(feature.feature(),
						"'" + property + "' must be a whole number " + "0 or more, got '"
								+ GridfileProblem.abbreviate(value) + "'.")
				.with("property", property)
				.with("code", code), feature);
		}
	}

}
