package org.gridmap.problem;

import org.springframework.http.HttpStatus;

/**
 * A request parameter or body that cannot be used as given. Carries the offending
 * parameter so that clients can point at the field.
 */
public class BadRequestProblem extends GridmapProblem {

	public BadRequestProblem(String parameter, String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
		if (parameter != null) {
			with("parameter", parameter);
		}
	}

}
