package org.gridmap;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The malformed-GeoJSON catalogue shared by the tests that feed geometries to the service
 * ({@code PlanBadInputTest}, {@code HostileInputTest}): polygons that no grid boundary
 * can be, each next to the small valid square in the demo district they were made from,
 * and generators for the oversized ones. Hand-written from RFC 7946's rules; every entry
 * breaks exactly one of them.
 */
public final class MalformedGeoJson {

	/**
	 * A small valid square in the demo district, with {@code %s} for its first position.
	 */
	public static final String SQUARE = "[[%s,[130.821,45.341],[130.821,45.342],[130.82,45.342],[130.82,45.341]]]";

	/** Rings of Polygon coordinates, by name; each must be refused as a grid boundary. */
	public static final Map<String, String> POLYGON_RINGS = rings();

	private MalformedGeoJson() {
	}

	private static Map<String, String> rings() {
		Map<String, String> rings = new LinkedHashMap<>();
		rings.put("unclosed ring", "[[[130.82,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.342]]]");
		rings.put("ring of three", "[[[130.82,45.341],[130.821,45.341],[130.82,45.341]]]");
		rings.put("bow-tie", "[[[130.82,45.341],[130.821,45.342],[130.821,45.341],[130.82,45.342],[130.82,45.341]]]");
		rings.put("overflowing number 1e400",
				"[[[1e400,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.342],[1e400,45.341]]]");
		rings.put("NaN", String.format(SQUARE, "[NaN,45.341]"));
		rings.put("Infinity", String.format(SQUARE, "[Infinity,45.341]"));
		rings.put("-Infinity", String.format(SQUARE, "[-Infinity,45.341]"));
		rings.put("longitude out of range",
				"[[[200.5,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.342],[200.5,45.341]]]");
		rings.put("latitude out of range",
				"[[[130.82,95.5],[130.821,45.341],[130.821,45.342],[130.82,45.342],[130.82,95.5]]]");
		rings.put("swapped coordinates",
				"[[[45.341,130.82],[45.341,130.821],[45.342,130.821],[45.342,130.82],[45.341,130.82]]]");
		rings.put("outside China", "[[[2.35,48.85],[2.36,48.85],[2.36,48.86],[2.35,48.86],[2.35,48.85]]]");
		rings.put("3D positions",
				"[[[130.82,45.341,12],[130.821,45.341,12],[130.821,45.342,12],[130.82,45.342,12],[130.82,45.341,12]]]");
		rings.put("4D positions", "[[[130.82,45.341,1,2],[130.821,45.341,1,2],[130.821,45.342,1,2],"
				+ "[130.82,45.342,1,2],[130.82,45.341,1,2]]]");
		rings.put("5D positions", "[[[130.82,45.341,1,2,3],[130.821,45.341,1,2,3],[130.821,45.342,1,2,3],"
				+ "[130.82,45.342,1,2,3],[130.82,45.341,1,2,3]]]");
		rings.put("one-number position", String.format(SQUARE, "[130.82]"));
		rings.put("empty polygon", "[]");
		rings.put("empty ring", "[[]]");
		rings.put("string coordinate", String.format(SQUARE, "[\"130.82\",45.341]"));
		rings.put("null coordinate", String.format(SQUARE, "[null,45.341]"));
		rings.put("boolean coordinate", String.format(SQUARE, "[true,45.341]"));
		rings.put("object position", String.format(SQUARE, "{\"lon\":130.82,\"lat\":45.341}"));
		rings.put("hexadecimal number", String.format(SQUARE, "[0x82,45.341]"));
		rings.put("leading plus sign", String.format(SQUARE, "[+130.82,45.341]"));
		rings.put("rings nested too deep", "[[[[130.82,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.341]]]]");
		rings.put("a 2,000-digit number", String.format(SQUARE, "[1" + "0".repeat(2000) + ",45.341]"));
		return rings;
	}

	/** A Polygon geometry object over the given rings. */
	public static String polygon(String rings) {
		return "{\"type\":\"Polygon\",\"coordinates\":" + rings + "}";
	}

	/** A FeatureCollection of one Feature with the given geometry (JSON text). */
	public static String featureCollection(String geometry) {
		return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":"
				+ "\"230304004001001\",\"name\":\"x\"},\"geometry\":" + geometry + "}]}";
	}

	/** Arrays nested {@code depth} deep. */
	public static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	/**
	 * A closed ring of {@code n + 1} positions on a small circle in the demo district:
	 * with n above a vertex limit it is a well-formed polygon that is still too large.
	 */
	public static String circleRings(int n) {
		StringBuilder ring = new StringBuilder(n * 40).append("[[");
		for (int i = 0; i < n; i++) {
			double angle = 2 * Math.PI * i / n;
			ring.append((i > 0) ? "," : "")
				.append('[')
				.append(130.82 + 0.001 * Math.cos(angle))
				.append(',')
				.append(45.341 + 0.001 * Math.sin(angle))
				.append(']');
		}
		ring.append(",[").append(130.82 + 0.001).append(',').append(45.341).append("]]]");
		return ring.toString();
	}

	/**
	 * The rings of a million-vertex polygon (about 16 MB of text), far over every body
	 * limit: refused (413) before any parsing.
	 */
	public static String millionVertexRings() {
		StringBuilder huge = new StringBuilder(16_000_100).append("[[");
		for (int i = 0; i < 1_000_000; i++) {
			huge.append((i > 0) ? ",[130.82,45.341]" : "[130.82,45.341]");
		}
		return huge.append("]]").toString();
	}

	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
