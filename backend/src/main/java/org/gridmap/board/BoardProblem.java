package org.gridmap.board;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong putting together a notice board. */
class BoardProblem extends GridmapProblem {

	private BoardProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static BoardProblem invalid(String parameter, String detail) {
		BoardProblem problem = new BoardProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static BoardProblem unknownGrid(String code, String asOf) {
		BoardProblem problem = new BoardProblem(HttpStatus.NOT_FOUND, "unknown-grid", "Unknown grid",
				"There is no grid " + code + ((asOf != null) ? " as of " + asOf : "") + ".");
		problem.with("grid", code);
		return problem;
	}

	static BoardProblem noGrids(String parameter, String code, String asOf) {
		BoardProblem problem = new BoardProblem(HttpStatus.NOT_FOUND, "no-grids", "No grids",
				"There are no grids in " + parameter + " " + code + ((asOf != null) ? " as of " + asOf : "") + ".");
		problem.with(parameter, code);
		return problem;
	}

}
