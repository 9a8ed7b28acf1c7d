package org.gridmap.lookup;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.gridmap.geo.AsOf;
import org.gridmap.geo.Coordinates;
import org.gridmap.geo.InputCrs;
import org.gridmap.geo.JsonText;

/**
 * One point to look up, as the client gave it and converted to WGS 84, with the instant
 * asked about. Built only through {@link #of}, which checks every part.
 */
record LookupPoint(double lon, double lat, InputCrs crs, double wgsLon, double wgsLat, OffsetDateTime asOf,
		boolean asOfGiven) {

	/** Converts a checked coordinate pair to WGS 84. */
	static LookupPoint of(double lon, double lat, InputCrs crs, OffsetDateTime asOf, boolean asOfGiven) {
		double[] wgs = crs.toWgs84(lon, lat);
		return new LookupPoint(lon, lat, crs, wgs[0], wgs[1], asOf, asOfGiven);
	}

	static InputCrs crs(String text) {
		try {
			return InputCrs.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw LookupProblem.invalid("crs", ex.getMessage());
		}
	}

	static OffsetDateTime asOf(String text, ZoneId zone) {
		try {
			return AsOf.parse(text, zone);
		}
		catch (IllegalArgumentException ex) {
			throw LookupProblem.invalid("asOf", ex.getMessage());
		}
	}

	static double coordinate(String name, String text) {
		try {
			return Coordinates.parse(name, text);
		}
		catch (IllegalArgumentException ex) {
			throw LookupProblem.invalid(name, ex.getMessage());
		}
	}

	static double coordinate(String name, Double value) {
		try {
			return Coordinates.check(name, value);
		}
		catch (IllegalArgumentException ex) {
			throw LookupProblem.invalid(name, ex.getMessage());
		}
	}

	String asOfText() {
		return AsOf.format(this.asOf);
	}

	String describe() {
		return "(" + JsonText.degrees(this.lon) + ", " + JsonText.degrees(this.lat) + ") in " + this.crs.id();
	}

	/** The envelope members that say what was asked, written before the SQL document. */
	String queryJson() {
		return "{\"lon\":" + JsonText.degrees(this.lon) + ",\"lat\":" + JsonText.degrees(this.lat) + ",\"crs\":"
				+ JsonText.quote(this.crs.id()) + ",\"wgs84\":{\"lon\":" + JsonText.degrees(this.wgsLon) + ",\"lat\":"
				+ JsonText.degrees(this.wgsLat) + "},\"asOf\":" + JsonText.quote(asOfText()) + "}";
	}

}
