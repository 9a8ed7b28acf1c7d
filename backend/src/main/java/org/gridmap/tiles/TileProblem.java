package org.gridmap.tiles;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong asking for a vector tile. */
class TileProblem extends GridmapProblem {

	private TileProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static TileProblem invalid(String parameter, String detail) {
		TileProblem problem = new TileProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
