package org.gridmap.gridfile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridmap.geo.InputCrs;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.LongLatProjection;

/**
 * The coordinate system a grid file's coordinates are in, and their conversion to WGS 84.
 * <ul>
 * <li>WGS 84 (EPSG:4326) and CGCS2000 (EPSG:4490) are taken as they are: they differ by
 * centimetres, below the accuracy of grid boundaries.</li>
 * <li>GCJ-02 and BD-09 (data drawn on AMap, Tencent or Baidu maps) are converted with
 * {@link InputCrs} (the public algorithm, exact inverse by iteration).</li>
 * <li>Any other EPSG code is converted with proj4j and the EPSG table of
 * {@code proj4j-epsg}, e.g. EPSG:3857 (web Mercator) and the CGCS2000 3-degree
 * Gauss–Krüger zones EPSG:4534–4554 (and 4513–4533 with the zone number in the false
 * easting). Datums other than WGS 84 and CGCS2000 use that table's seven-parameter shifts
 * (Beijing 1954, Xian 1980: approximate, metres).</li>
 * </ul>
 * A file's own declaration is read by {@link #fromWkt} (Shapefile {@code .prj},
 * GeoPackage definitions) and {@link #parse} (GeoJSON {@code crs} names, GeoPackage
 * organisation codes).
 */
final class SourceCrs {

	private static final CRSFactory FACTORY = new CRSFactory();

	private static final Pattern EPSG = Pattern
		.compile("(?:EPSG:|URN:OGC:DEF:CRS:EPSG:[0-9.]*:|HTTPS?://WWW.OPENGIS.NET/DEF/CRS/EPSG/[0-9.]+/)?([0-9]{4,6})");

	private final String id;

	private final InputCrs china;

	private final CoordinateReferenceSystem proj;

	private SourceCrs(String id, InputCrs china, CoordinateReferenceSystem proj) {
		this.id = id;
		this.china = china;
		this.proj = proj;
	}

	static final SourceCrs WGS84 = new SourceCrs("EPSG:4326", InputCrs.WGS84, null);

	/** The canonical name: {@code EPSG:4547}, {@code GCJ-02} … */
	String id() {
		return this.id;
	}

	/** Whether coordinates are longitude and latitude in degrees (else projected). */
	boolean geographic() {
		return this.proj == null || this.proj.getProjection() instanceof LongLatProjection;
	}

	/**
	 * Reads an identifier: the names {@link InputCrs} accepts (EPSG:4326, EPSG:4490,
	 * CRS84, GCJ-02, BD-09 …) or an EPSG code as {@code EPSG:n}, {@code n}, a URN or an
	 * OGC URL.
	 * @throws IllegalArgumentException for an unknown identifier or code
	 */
	static SourceCrs parse(String text) {
		String value = text.trim().toUpperCase(Locale.ROOT);
		try {
			InputCrs known = InputCrs.parse(value);
			return new SourceCrs(known.id(), known, null);
		}
		catch (IllegalArgumentException ex) {
			// not one of the four: an EPSG code then
		}
		Matcher m = EPSG.matcher(value);
		if (!m.matches()) {
			throw new IllegalArgumentException("Unknown coordinate system '" + GridfileProblem.abbreviate(text.trim())
					+ "'; give an EPSG code (EPSG:4326, EPSG:4490, EPSG:3857, EPSG:4547 …), GCJ-02 or BD-09");
		}
		return epsg(Integer.parseInt(m.group(1)));
	}

	static SourceCrs epsg(int code) {
		if (code == 4326 || code == 4490) {
			InputCrs known = (code == 4326) ? InputCrs.WGS84 : InputCrs.CGCS2000;
			return new SourceCrs(known.id(), known, null);
		}
		try {
			return new SourceCrs("EPSG:" + code, null, FACTORY.createFromName("EPSG:" + code));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("EPSG:" + code + " is not a coordinate system this service knows");
		}
	}

	/**
	 * Recognises the WKT of a Shapefile {@code .prj} (ESRI flavour) or a GeoPackage
	 * definition: an {@code AUTHORITY["EPSG", n]} of the whole system when present;
	 * otherwise a geographic system on WGS 84 or CGCS2000 (China 2000), a Gauss–Krüger /
	 * Transverse Mercator projection on one of those datums in metres (its parameters are
	 * used as given), or web Mercator (Mercator_Auxiliary_Sphere, Pseudo-Mercator).
	 * Anything else (Beijing 1954 and Xian 1980 without an EPSG code, other projections)
	 * is refused: give the {@code crs} parameter then.
	 * @throws IllegalArgumentException when not recognised
	 */
	static SourceCrs fromWkt(String wkt) {
		String text = wkt.strip();
		String upper = text.toUpperCase(Locale.ROOT);
		Matcher authority = Pattern.compile("AUTHORITY\\[\"EPSG\",\"?([0-9]+)\"?\\]\\]$").matcher(upper);
		if (authority.find()) {
			return epsg(Integer.parseInt(authority.group(1)));
		}
		boolean projected = upper.startsWith("PROJCS[") || upper.startsWith("PROJCRS[");
		boolean knownDatum = upper.contains("WGS_1984") || upper.contains("WGS 84") || upper.contains("WGS84")
				|| upper.contains("CHINA_2000") || upper.contains("CHINA GEODETIC COORDINATE SYSTEM 2000")
				|| upper.contains("CGCS2000") || upper.contains("CGCS_2000");
		if (!projected) {
			if ((upper.startsWith("GEOGCS[") || upper.startsWith("GEOGCRS[")) && knownDatum) {
				return epsg(upper.contains("2000") ? 4490 : 4326);
			}
			throw unrecognised(text);
		}
		if (upper.contains("MERCATOR_AUXILIARY_SPHERE") || upper.contains("PSEUDO_MERCATOR")
				|| upper.contains("PSEUDO-MERCATOR") || upper.contains("POPULAR VISUALISATION")) {
			return epsg(3857);
		}
		boolean transverse = upper.contains("PROJECTION[\"GAUSS_KRUGER\"]")
				|| upper.contains("PROJECTION[\"TRANSVERSE_MERCATOR\"]");
		if (!transverse || !knownDatum
				|| !Pattern.compile("UNIT\\[\"(METER|METRE)\",1(\\.0+)?\\]\\]$").matcher(upper).find()) {
			throw unrecognised(text);
		}
		Matcher spheroid = Pattern.compile("SPHEROID\\[\"[^\"]*\",([0-9.]+),([0-9.]+)").matcher(upper);
		if (!spheroid.find()) {
			throw unrecognised(text);
		}
		String proj4 = "+proj=tmerc +lat_0=" + parameter(upper, "LATITUDE_OF_ORIGIN", text) + " +lon_0="
				+ parameter(upper, "CENTRAL_MERIDIAN", text) + " +k=" + parameter(upper, "SCALE_FACTOR", text)
				+ " +x_0=" + parameter(upper, "FALSE_EASTING", text) + " +y_0="
				+ parameter(upper, "FALSE_NORTHING", text) + " +a=" + spheroid.group(1) + " +b="
				+ minorAxis(spheroid.group(1), spheroid.group(2)) + " +units=m +no_defs";
		Matcher named = Pattern.compile("^\\w+\\[\"([^\"]*)\"").matcher(text);
		String name = named.find() ? named.group(1) : "projected";
		return new SourceCrs("WKT:" + name, null, FACTORY.createFromParameters(name, proj4));
	}

	/** proj4j reads +a and +b (not +rf): b = a (1 - 1/rf). */
	private static String minorAxis(String a, String rf) {
		double major = Double.parseDouble(a);
		double inverse = Double.parseDouble(rf);
		return Double.toString((inverse == 0) ? major : major * (1 - 1 / inverse));
	}

	private static String parameter(String upper, String name, String text) {
		Matcher m = Pattern.compile("PARAMETER\\[\"" + name + "\",(-?[0-9.]+)\\]").matcher(upper);
		if (!m.find()) {
			throw unrecognised(text);
		}
		return m.group(1);
	}

	private static IllegalArgumentException unrecognised(String wkt) {
		return new IllegalArgumentException("The file's coordinate system is not one this service recognises ("
				+ GridfileProblem.abbreviate(wkt) + "); give the crs parameter (an EPSG code)");
	}

	/** A converter for one file: proj4j transforms are not shared between threads. */
	Converter converter() {
		if (this.proj == null) {
			return (x, y) -> this.china.toWgs84(x, y);
		}
		CoordinateTransform transform = new CoordinateTransformFactory().createTransform(this.proj,
				FACTORY.createFromName("EPSG:4326"));
		ProjCoordinate in = new ProjCoordinate();
		ProjCoordinate out = new ProjCoordinate();
		return (x, y) -> {
			in.x = x;
			in.y = y;
			transform.transform(in, out);
			return new double[] { out.x, out.y };
		};
	}

	/** Converts one position to WGS 84 longitude and latitude. */
	interface Converter {

		double[] toWgs84(double x, double y);

	}

	@Override
	public String toString() {
		return this.id;
	}

}
