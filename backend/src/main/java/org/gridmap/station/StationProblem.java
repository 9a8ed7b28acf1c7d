package org.gridmap.station;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong managing stations and computing their circles and coverage. */
class StationProblem extends GridmapProblem {

	private StationProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static StationProblem invalid(String parameter, String detail) {
		StationProblem problem = new StationProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static StationProblem notFound(String code) {
		StationProblem problem = new StationProblem(HttpStatus.NOT_FOUND, "no-such-station", "No such station",
				"There is no station with code '" + abbreviate(code) + "'.");
		problem.with("code", abbreviate(code));
		return problem;
	}

	static StationProblem preconditionRequired(String code) {
		StationProblem problem = new StationProblem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required",
				"If-Match required",
				"Changing station " + code + " needs an If-Match header with the ETag of the version you read "
						+ "(GET /api/v1/stations/" + code + "), so that nobody's change is overwritten unseen.");
		problem.with("code", code);
		return problem;
	}

	static StationProblem stale(String code, String currentEtag) {
		StationProblem problem = new StationProblem(HttpStatus.PRECONDITION_FAILED, "stale-version",
				"Station changed meanwhile", "Station " + code + " has changed since the version in If-Match; read it "
						+ "again (its ETag is now " + currentEtag + ") and reapply your change.");
		problem.with("code", code).with("etag", currentEtag);
		return problem;
	}

	static StationProblem networkUnavailable(String reason) {
		StationProblem problem = new StationProblem(HttpStatus.CONFLICT, "network-unavailable",
				"Road network unavailable", "Network walking areas cannot be computed here: " + reason
						+ ". Use method=circle, or load a road network (POST /api/v1/network/import).");
		problem.with("parameter", "method").with("reason", reason);
		return problem;
	}

	static String abbreviate(String value) {
		return (value == null || value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
