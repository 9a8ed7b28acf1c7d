package org.gridmap.assessment;

import java.util.Arrays;

/**
 * What an assessment table has one row for. The names are the allow-list that stats.sql
 * compares {@code :grouping} with, and the last segment of the endpoint's path.
 */
enum Grouping {

	/** Every grid that existed in the period. */
	GRIDS("grids"),

	/**
	 * Every full-time grid worker (专职网格员) on the staff of such a grid: the person a
	 * report is assigned to, and the one Didao's 8-area, 23-indicator assessment covers.
	 */
	WORKERS("workers"),

	/** Communities and villages. */
	COMMUNITIES("communities"),

	/** Streets and townships. */
	STREETS("streets"),

	/** Departments that own matters. */
	DEPARTMENTS("departments");

	/** The path pattern segment that matches exactly these names. */
	static final String PATTERN = "grids|workers|communities|streets|departments";

	private final String path;

	Grouping(String path) {
		this.path = path;
	}

	String path() {
		return this.path;
	}

	static Grouping of(String path) {
		return Arrays.stream(values())
			.filter((g) -> g.path.equals(path))
			.findFirst()
			.orElseThrow(() -> AssessmentProblem.invalid("grouping",
					"Unknown grouping '" + AssessmentProblem.abbreviate(path) + "'; groupings are " + names()));
	}

	static String names() {
		return String.join(", ", Arrays.stream(values()).map(Grouping::path).toList());
	}

}
