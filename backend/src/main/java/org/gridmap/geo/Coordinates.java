package org.gridmap.geo;

/**
 * Checks coordinates where they enter: present, numeric, finite and in range. Messages
 * name the parameter and the value, so that a client can see at once which of lon and lat
 * it swapped or mistyped.
 */
public final class Coordinates {

	private Coordinates() {
	}

	/**
	 * Parses a longitude or latitude given as text.
	 * @param name the parameter's name, {@code lon} or {@code lat}
	 * @throws IllegalArgumentException when missing, not a number, not finite or out of
	 * range (±180 for lon, ±90 for lat)
	 */
	public static double parse(String name, String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Parameter '" + name + "' is required");
		}
		double value;
		try {
			value = decimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Parameter '" + name + "' must be a number in decimal degrees, got '"
					+ AsOf.abbreviate(text) + "'");
		}
		return check(name, value);
	}

	/**
	 * A plain decimal number ({@code -12.5}, {@code 1e-3}), surrounding whitespace
	 * allowed. Stricter than {@link Double#parseDouble}, which also takes {@code NaN},
	 * {@code Infinity}, hexadecimal ({@code 0x1p3}), a {@code d} or {@code f} suffix and
	 * strips control characters such as NUL.
	 * @throws NumberFormatException when the text is anything else
	 */
	public static double decimal(String text) {
		String value = (text == null) ? "" : text.strip();
		if (!DECIMAL.matcher(value).matches()) {
			throw new NumberFormatException("not a decimal number");
		}
		return Double.parseDouble(value);
	}

	private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern
		.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	/** Checks a number already parsed, e.g. from a JSON body. */
	public static double check(String name, Double value) {
		if (value == null) {
			throw new IllegalArgumentException("'" + name + "' is required");
		}
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("'" + name + "' must be finite, got " + value);
		}
		double limit = name.endsWith("lat") ? 90 : 180;
		if (value < -limit || value > limit) {
			throw new IllegalArgumentException("'" + name + "' must be between -" + (int) limit + " and " + (int) limit
					+ ", got " + value + (limit == 90 && Math.abs(value) <= 180 ? " (are lon and lat swapped?)" : ""));
		}
		return value;
	}

}
