package org.gridmap.ogc;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.gridmap.geo.AsOf;

import org.springframework.util.MultiValueMap;

/**
 * A checked {@code /items} request: which collection, the bbox in CRS84 order (or null),
 * the page, the instant for versioned collections and the output CRS.
 *
 * <p>
 * {@code datetime} (OGC) and {@code asOf} (this service's name elsewhere) both take one
 * instant; intervals are refused because a grid code can have several versions in an
 * interval and feature ids must stay unique.
 */
record ItemsQuery(OgcCollection collection, double[] bbox, int limit, long offset, OffsetDateTime at, OgcCrs crs,
		String featureId) {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 10_000;

	private static final Set<String> ITEMS_PARAMETERS = Set.of("bbox", "bbox-crs", "crs", "limit", "offset", "datetime",
			"asOf", "f");

	private static final Set<String> ITEM_PARAMETERS = Set.of("crs", "datetime", "asOf", "f");

	static ItemsQuery items(OgcCollection collection, MultiValueMap<String, String> params, ZoneId zone) {
		checkKnown(params, ITEMS_PARAMETERS);
		OgcCrs crs = OgcCrs.parse("crs", params.getFirst("crs"));
		OgcCrs bboxCrs = OgcCrs.parse("bbox-crs", params.getFirst("bbox-crs"));
		return new ItemsQuery(collection, bbox(params.getFirst("bbox"), bboxCrs),
				(int) integer(params, "limit", DEFAULT_LIMIT, 1, Integer.MAX_VALUE, MAX_LIMIT),
				integer(params, "offset", 0, 0, Long.MAX_VALUE / 2, Long.MAX_VALUE), instant(params, zone), crs, null);
	}

	static ItemsQuery item(OgcCollection collection, String featureId, MultiValueMap<String, String> params,
			ZoneId zone) {
		checkKnown(params, ITEM_PARAMETERS);
		return new ItemsQuery(collection, null, 1, 0, instant(params, zone),
				OgcCrs.parse("crs", params.getFirst("crs")), featureId);
	}

	private static void checkKnown(MultiValueMap<String, String> params, Set<String> known) {
		for (String name : params.keySet()) {
			if (!known.contains(name)) {
				throw OgcProblem.invalid(name, "Unknown query parameter '" + OgcProblem.abbreviate(name)
						+ "'; this endpoint takes " + String.join(", ", known.stream().sorted().toList()));
			}
			if (params.get(name).size() > 1) {
				throw OgcProblem.invalid(name, "Query parameter '" + name + "' is given more than once");
			}
		}
		String format = params.getFirst("f");
		if (format != null && !format.equals("json") && !format.equals("geojson")) {
			throw OgcProblem.invalid("f", "'f' must be json or geojson; got '" + OgcProblem.abbreviate(format) + "'");
		}
	}

	/**
	 * An integer parameter; values above {@code clampAt} are lowered to it (the OGC rule
	 * for {@code limit}: a server may cap it, and the request still succeeds).
	 */
	private static long integer(MultiValueMap<String, String> params, String name, long fallback, long min, long max,
			long clampAt) {
		String text = params.getFirst(name);
		if (text == null || text.isBlank()) {
			return fallback;
		}
		long value;
		try {
			value = Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw OgcProblem.invalid(name,
					"'" + name + "' must be a whole number; got '" + OgcProblem.abbreviate(text) + "'");
		}
		if (value < min || value > max) {
			throw OgcProblem.invalid(name, "'" + name + "' must be at least " + min + "; got " + value);
		}
		return Math.min(value, clampAt);
	}

	private static OffsetDateTime instant(MultiValueMap<String, String> params, ZoneId zone) {
		String datetime = params.getFirst("datetime");
		String asOf = params.getFirst("asOf");
		if (datetime != null && asOf != null) {
			throw OgcProblem.invalid("datetime", "Give either 'datetime' or 'asOf', not both");
		}
		String name = (datetime != null) ? "datetime" : "asOf";
		String value = (datetime != null) ? datetime : asOf;
		if (value != null && value.contains("/")) {
			throw OgcProblem.invalid(name, "'" + name
					+ "' takes one instant (e.g. 2026-05-01 or 2026-05-01T08:00:00+08:00); intervals are not offered");
		}
		try {
			return AsOf.parse(value, zone);
		}
		catch (IllegalArgumentException ex) {
			throw OgcProblem.invalid(name, ex.getMessage());
		}
	}

	/** Reads {@code minx,miny,maxx,maxy} (or the 6-number 3D form) into CRS84 order. */
	private static double[] bbox(String text, OgcCrs crs) {
		if (text == null || text.isBlank()) {
			return null;
		}
		List<String> parts = List.of(text.split(",", -1));
		if (parts.size() != 4 && parts.size() != 6) {
			throw OgcProblem.invalid("bbox", "'bbox' takes 4 numbers (or 6 with heights); got " + parts.size());
		}
		double[] values = new double[parts.size()];
		for (int i = 0; i < parts.size(); i++) {
			try {
				values[i] = org.gridmap.geo.Coordinates.decimal(parts.get(i));
			}
			catch (NumberFormatException ex) {
				throw OgcProblem.invalid("bbox",
						"'bbox' must hold numbers; got '" + OgcProblem.abbreviate(parts.get(i)) + "'");
			}
			if (!Double.isFinite(values[i])) {
				throw OgcProblem.invalid("bbox", "'bbox' must hold finite numbers");
			}
		}
		int half = values.length / 2;
		double[] corners = { values[0], values[1], values[half], values[half + 1] };
		if (crs.latitudeFirst()) {
			corners = new double[] { corners[1], corners[0], corners[3], corners[2] };
		}
		if (corners[0] < -180 || corners[2] > 180 || corners[1] < -90 || corners[3] > 90) {
			throw OgcProblem.invalid("bbox", "'bbox' is outside the valid range of longitudes and latitudes"
					+ (crs.latitudeFirst() ? " (bbox-crs " + crs.uri() + " is latitude first)" : ""));
		}
		if (corners[1] > corners[3]) {
			throw OgcProblem.invalid("bbox", "'bbox' has its south edge above its north edge");
		}
		if (corners[0] > corners[2]) {
			throw OgcProblem.invalid("bbox", "'bbox' crossing the antimeridian is not supported");
		}
		return corners;
	}

}
