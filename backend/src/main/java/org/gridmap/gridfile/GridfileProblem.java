package org.gridmap.gridfile;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/**
 * A grid file, its parameters or an export request that cannot be used. Says what and
 * where: the parameter ({@code file}, {@code crs}, {@code format} …) and, inside a file,
 * the feature (from 1), its code, the property and, for GeoJSON, the line and column.
 */
public class GridfileProblem extends GridmapProblem {

	private GridfileProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	/** A parameter other than the file is wrong. */
	static GridfileProblem parameter(String parameter, String detail) {
		GridfileProblem problem = new GridfileProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail);
		problem.with("parameter", parameter);
		return problem;
	}

	/** An area named by a filter does not exist (at that time). */
	static GridfileProblem notFound(String parameter, String code) {
		GridfileProblem problem = new GridfileProblem(HttpStatus.NOT_FOUND, "area-not-found", "No such area",
				"There is no " + parameter + " " + abbreviate(code) + " at that time.");
		problem.with("parameter", parameter);
		return problem;
	}

	/** The file is malformed or not a grid file; nothing was written. */
	static GridfileProblem file(String detail) {
		GridfileProblem problem = new GridfileProblem(HttpStatus.BAD_REQUEST, "invalid-grid-file", "Grid file rejected",
				detail + " Nothing was written.");
		problem.with("parameter", "file");
		return problem;
	}

	/** Something wrong in one feature of the file. */
	static GridfileProblem feature(int feature, String detail) {
		GridfileProblem problem = file("Feature " + feature + ": " + detail);
		problem.with("feature", feature);
		return problem;
	}

	/** The file is over one of the configured limits (413). */
	static GridfileProblem tooLarge(String limit, long value, String detail) {
		GridfileProblem problem = new GridfileProblem(HttpStatus.CONTENT_TOO_LARGE, "grid-file-too-large",
				"Grid file too large", detail + " Nothing was written.");
		problem.with("parameter", "file").with("limit", limit).with("maximum", value);
		return problem;
	}

	@Override
	public GridfileProblem with(String name, Object value) {
		super.with(name, value);
		return this;
	}

	/** Adds where in a text file (GeoJSON) the problem is. */
	GridfileProblem at(long line, long column) {
		if (line > 0) {
			with("line", line);
			with("column", column);
		}
		return this;
	}

	static String abbreviate(Object value) {
		String text = String.valueOf(value);
		return (text.length() <= 60) ? text : text.substring(0, 60) + "…";
	}

}
