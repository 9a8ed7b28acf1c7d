package org.gridmap.geo;

/**
 * The few pieces of JSON that Java writes around documents PostGIS has already written
 * (feature collections, lookup envelopes): quoted strings and numbers. Values that are
 * passed through from SQL are never parsed and re-serialised.
 */
public final class JsonText {

	private JsonText() {
	}

	/** A JSON string literal, or {@code null} for a null value (RFC 8259 escaping). */
	public static String quote(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				// '<' too, so that JSON embedded in a page can never close a script
				// element.
				case '<' -> out.append("\\u003c");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/** A coordinate rounded to 1e-7 degree (about 1 cm), without exponent notation. */
	public static String degrees(double value) {
		return java.math.BigDecimal.valueOf(Math.round(value * 1e7), 7).stripTrailingZeros().toPlainString();
	}

}
