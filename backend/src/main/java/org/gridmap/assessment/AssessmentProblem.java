package org.gridmap.assessment;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong asking for assessment figures. */
class AssessmentProblem extends GridmapProblem {

	private AssessmentProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static AssessmentProblem invalid(String parameter, String detail) {
		AssessmentProblem problem = new AssessmentProblem(HttpStatus.BAD_REQUEST, "invalid-parameter",
				"Invalid parameter", detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
