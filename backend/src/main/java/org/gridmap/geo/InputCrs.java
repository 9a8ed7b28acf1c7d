package org.gridmap.geo;

import java.util.Locale;
import java.util.Map;

/**
 * The coordinate systems in which the API accepts input points. Whatever the identifier,
 * points are always given as longitude then latitude in decimal degrees (the axis order
 * of GeoJSON and OGC CRS84), and are converted to WGS 84 at the edge, before anything
 * else sees them.
 */
public enum InputCrs {

	/** WGS 84 (EPSG:4326), the GPS datum; what the database stores. */
	WGS84("EPSG:4326"),

	/**
	 * China Geodetic Coordinate System 2000 (EPSG:4490), the official national datum. It
	 * differs from WGS 84 by a few centimetres at most, far below the accuracy of the
	 * grid boundaries, so it is treated as equal to WGS 84 and not converted.
	 */
	CGCS2000("EPSG:4490"),

	/**
	 * GCJ-02, the obfuscated "Mars coordinates" of AMap (Gaode), Tencent Maps and WeChat
	 * ({@code wx.getLocation} with {@code type: 'gcj02'}). See {@link ChinaCoordinates}.
	 */
	GCJ02("GCJ-02"),

	/** BD-09, Baidu Maps' further obfuscation of GCJ-02. See {@link ChinaCoordinates}. */
	BD09("BD-09");

	private static final Map<String, InputCrs> ALIASES = Map.ofEntries(
			// WGS 84
			Map.entry("EPSG:4326", WGS84), Map.entry("4326", WGS84), Map.entry("URN:OGC:DEF:CRS:EPSG::4326", WGS84),
			Map.entry("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4326", WGS84),
			Map.entry("HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84", WGS84),
			Map.entry("URN:OGC:DEF:CRS:OGC:1.3:CRS84", WGS84), Map.entry("OGC:CRS84", WGS84), Map.entry("CRS84", WGS84),
			Map.entry("WGS84", WGS84), Map.entry("WGS-84", WGS84),
			// CGCS2000
			Map.entry("EPSG:4490", CGCS2000), Map.entry("4490", CGCS2000),
			Map.entry("URN:OGC:DEF:CRS:EPSG::4490", CGCS2000),
			Map.entry("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/4490", CGCS2000), Map.entry("CGCS2000", CGCS2000),
			// GCJ-02
			Map.entry("GCJ-02", GCJ02), Map.entry("GCJ02", GCJ02),
			// BD-09 ("bd09ll" is the Baidu SDKs' name for it)
			Map.entry("BD-09", BD09), Map.entry("BD09", BD09), Map.entry("BD09LL", BD09));

	private static final String ACCEPTED = "EPSG:4326 (WGS 84; also 4326, urn:ogc:def:crs:EPSG::4326, "
			+ "http://www.opengis.net/def/crs/OGC/1.3/CRS84, CRS84, WGS84), "
			+ "EPSG:4490 (CGCS2000; also 4490, urn:ogc:def:crs:EPSG::4490, CGCS2000), "
			+ "GCJ-02 (also gcj02), BD-09 (also bd09, bd09ll)";

	private final String id;

	InputCrs(String id) {
		this.id = id;
	}

	/** The canonical identifier, e.g. {@code EPSG:4326} or {@code GCJ-02}. */
	public String id() {
		return this.id;
	}

	/**
	 * Reads a coordinate system identifier, ignoring case and surrounding white space.
	 * @param text the identifier; {@code null} or blank means WGS 84
	 * @throws IllegalArgumentException for an identifier that is not accepted; the
	 * message lists the accepted ones
	 */
	public static InputCrs parse(String text) {
		if (text == null || text.isBlank()) {
			return WGS84;
		}
		InputCrs crs = ALIASES.get(text.strip().toUpperCase(Locale.ROOT));
		if (crs == null) {
			throw new IllegalArgumentException(
					"Unsupported coordinate system '" + abbreviate(text.strip()) + "'; accepted: " + ACCEPTED);
		}
		return crs;
	}

	/**
	 * Converts a point in this coordinate system to WGS 84.
	 * @return {@code double[]{lon, lat}}
	 * @throws IllegalArgumentException when a coordinate is not finite
	 */
	public double[] toWgs84(double lon, double lat) {
		return switch (this) {
			case WGS84, CGCS2000 -> identity(lon, lat);
			case GCJ02 -> ChinaCoordinates.gcj02ToWgs84(lon, lat);
			case BD09 -> ChinaCoordinates.bd09ToWgs84(lon, lat);
		};
	}

	/**
	 * Converts a WGS 84 point to this coordinate system.
	 * @return {@code double[]{lon, lat}}
	 * @throws IllegalArgumentException when a coordinate is not finite
	 */
	public double[] fromWgs84(double lon, double lat) {
		return switch (this) {
			case WGS84, CGCS2000 -> identity(lon, lat);
			case GCJ02 -> ChinaCoordinates.wgs84ToGcj02(lon, lat);
			case BD09 -> ChinaCoordinates.wgs84ToBd09(lon, lat);
		};
	}

	private static double[] identity(double lon, double lat) {
		if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
			throw new IllegalArgumentException("Coordinates must be finite numbers, got lon=" + lon + ", lat=" + lat);
		}
		return new double[] { lon, lat };
	}

	private static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

}
