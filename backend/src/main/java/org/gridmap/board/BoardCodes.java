package org.gridmap.board;

/**
 * The codes a board is asked for by: 9-digit street, 12-digit community, 15-digit grid.
 * They are checked where they enter, so only digits ever reach the prefix match in SQL.
 */
final class BoardCodes {

	static final int STREET = 9;

	static final int COMMUNITY = 12;

	static final int GRID = 15;

	private BoardCodes() {
	}

	/** The code when it is exactly {@code digits} ASCII digits, else a 400 problem. */
	static String check(String parameter, String value, int digits) {
		if (value == null || value.length() != digits || !value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw BoardProblem.invalid(parameter,
					"'" + parameter + "' must be a code of " + digits + " digits, got '" + abbreviate(value) + "'");
		}
		return value;
	}

	private static String abbreviate(String value) {
		if (value == null) {
			return "";
		}
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
