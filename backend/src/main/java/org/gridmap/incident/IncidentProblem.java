package org.gridmap.incident;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong taking a report or moving it through the loop. */
public class IncidentProblem extends GridmapProblem {

	private IncidentProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	public static IncidentProblem invalid(String parameter, String detail) {
		IncidentProblem problem = new IncidentProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static IncidentProblem notFound(String what) {
		return new IncidentProblem(HttpStatus.NOT_FOUND, "no-such-incident", "No such incident",
				"There is no incident " + abbreviate(what) + ".");
	}

	static IncidentProblem transitionNotAllowed(long id, String action, String status) {
		IncidentProblem problem = new IncidentProblem(HttpStatus.CONFLICT, "transition-not-allowed",
				"Step not allowed now",
				"Incident " + id + " is " + status + "; '" + action + "' is not allowed from there" + " (allowed: "
						+ String.join(", ", Workflow.from(status).stream().map(Workflow::action).toList()) + ").");
		problem.with("currentStatus", status).with("action", action);
		return problem;
	}

	static IncidentProblem roleNotAllowed(String action, String role, String needed) {
		IncidentProblem problem = new IncidentProblem(HttpStatus.FORBIDDEN, "role-not-allowed", "Role not allowed",
				"'" + action + "' is taken by the " + needed + " role, not " + abbreviate(role) + ".");
		problem.with("action", action).with("role", role);
		return problem;
	}

	static IncidentProblem concurrentChange(long id) {
		return new IncidentProblem(HttpStatus.CONFLICT, "concurrent-change", "Changed meanwhile",
				"Incident " + id + " was changed by someone else meanwhile; reload and try again.");
	}

	static IncidentProblem idempotencyKeyReused(String key) {
		IncidentProblem problem = new IncidentProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"Idempotency key reused",
				"The Idempotency-Key was already used for a different request body; use a new key for a new report.");
		problem.with("idempotencyKey", abbreviate(key));
		return problem;
	}

	static IncidentProblem photoRejected(String detail) {
		IncidentProblem problem = new IncidentProblem(HttpStatus.BAD_REQUEST, "photo-rejected", "Photo rejected",
				detail);
		problem.with("parameter", "photo");
		return problem;
	}

	public static String abbreviate(String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() <= 60) ? value : value.substring(0, 60) + "…";
	}

}
