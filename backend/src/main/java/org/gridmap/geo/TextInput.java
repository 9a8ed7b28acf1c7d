package org.gridmap.geo;

/**
 * Free text as it enters from a client: PostgreSQL's {@code text} cannot hold the NUL
 * character (the statement fails, which was answered 500), and a lone UTF-16 surrogate is
 * not a character at all (it was stored as '?'). Each feature refuses such text with its
 * own problem, naming the field; this says what, if anything, is wrong.
 */
public final class TextInput {

	private TextInput() {
	}

	/**
	 * Why the value cannot be stored as text, or null when it can (null values too).
	 * Refused: NUL and the other C0 control characters except tab, line feed and carriage
	 * return; DEL; unpaired surrogates.
	 */
	public static String unstorable(String value) {
		if (value == null) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				return "holds the control character U+" + String.format("%04X", (int) c) + " at position " + (i + 1);
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return "holds an unpaired UTF-16 surrogate at position " + (i + 1);
			}
			if (Character.isLowSurrogate(c)) {
				return "holds an unpaired UTF-16 surrogate at position " + (i + 1);
			}
		}
		return null;
	}

}
