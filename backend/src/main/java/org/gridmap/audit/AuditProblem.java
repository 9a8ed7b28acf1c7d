package org.gridmap.audit;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** A reading of the audit log that cannot be answered as asked. */
class AuditProblem extends GridmapProblem {

	private AuditProblem(String parameter, String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
		with("parameter", parameter);
	}

	static AuditProblem invalid(String parameter, String detail) {
		return new AuditProblem(parameter, detail);
	}

}
