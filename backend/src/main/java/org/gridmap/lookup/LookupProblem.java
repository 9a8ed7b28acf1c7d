package org.gridmap.lookup;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong answering "which grid is this point in". */
class LookupProblem extends GridmapProblem {

	private LookupProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static LookupProblem invalid(String parameter, String detail) {
		LookupProblem problem = new LookupProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static LookupProblem notInAnyGrid(LookupPoint point) {
		LookupProblem problem = new LookupProblem(HttpStatus.NOT_FOUND, "point-outside-grids", "Point in no grid",
				"The point " + point.describe() + " lies in no grid of this service"
						+ (point.asOfGiven() ? " as of " + point.asOfText() : "") + ".");
		problem.with("lon", point.lon()).with("lat", point.lat()).with("crs", point.crs().id());
		return problem;
	}

}
