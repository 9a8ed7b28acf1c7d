package org.gridmap.plan;

import java.util.List;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/**
 * What can go wrong with a plan: bad input (with the JSON pointer of the offending
 * value), a missing or stale {@code If-Match}, a change that does not apply to the draft,
 * and a publish that validation or a concurrent publish refuses. Each carries the plan it
 * was about, so that a log line or a client can tell which.
 */
public class PlanProblem extends GridmapProblem {

	private PlanProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	/** A member of a plan request that cannot be used as given. */
	public static PlanProblem invalid(String parameter, String pointer, String detail) {
		PlanProblem problem = new PlanProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
		problem.with("parameter", parameter);
		if (pointer != null) {
			problem.with("pointer", pointer);
		}
		return problem;
	}

	/**
	 * A geometry that cannot be used: malformed GeoJSON, out-of-range coordinates or a
	 * topology error (then with the JTS reason and the point where it was found).
	 */
	public static PlanProblem invalidGeometry(String parameter, String pointer, String detail) {
		PlanProblem problem = new PlanProblem(HttpStatus.BAD_REQUEST, "invalid-geometry", "Invalid geometry", detail);
		problem.with("parameter", parameter);
		problem.with("pointer", pointer);
		return problem;
	}

	static PlanProblem planNotFound(long id) {
		return (PlanProblem) new PlanProblem(HttpStatus.NOT_FOUND, "plan-not-found", "No such plan",
				"There is no plan " + id + ".")
			.with("planId", id);
	}

	static PlanProblem gridNotFound(String code) {
		return (PlanProblem) new PlanProblem(HttpStatus.NOT_FOUND, "grid-not-found", "No such grid",
				"There is no grid " + abbreviate(code) + ".")
			.with("grid", abbreviate(code));
	}

	static PlanProblem preconditionRequired(long id, String current) {
		return (PlanProblem) new PlanProblem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
				"If-Match required",
				"Writes to plan " + id + " need an If-Match header with the plan's current ETag (" + current
						+ "), so that nobody overwrites a change they have not seen.")
			.with("planId", id)
			.with("currentETag", current);
	}

	static PlanProblem preconditionFailed(long id, String current) {
		PlanProblem problem = (PlanProblem) new PlanProblem(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
				"Plan changed meanwhile",
				"Plan " + id + " was changed since you loaded it (it is now " + current
						+ "); reload it and apply your change again. Nothing was changed.")
			.with("planId", id)
			.with("currentETag", current);
		problem.getHeaders().setETag(current);
		return problem;
	}

	static PlanProblem notDraft(long id, String status) {
		return (PlanProblem) new PlanProblem(HttpStatus.CONFLICT, "plan-not-draft", "Plan is not a draft",
				"Plan " + id + " is " + status + "; only drafts can be changed, published or discarded.")
			.with("planId", id)
			.with("status", status);
	}

	/** The change cannot be applied to the draft as it is. */
	static PlanProblem notApplicable(long id, String detail) {
		return (PlanProblem) new PlanProblem(HttpStatus.UNPROCESSABLE_CONTENT, "change-not-applicable",
				"Change not applicable", "Plan " + id + ": " + detail)
			.with("planId", id);
	}

	static PlanProblem effectiveDatePassed(long id, String date, String today) {
		return (PlanProblem) new PlanProblem(HttpStatus.UNPROCESSABLE_CONTENT, "effective-date-passed",
				"Effective date passed", "Plan " + id + " takes effect on " + date + ", before today (" + today
						+ "); set a new effective date first.")
			.with("planId", id)
			.with("effectiveDate", date);
	}

	static PlanProblem invalidPlan(long id, int errors, List<?> problems) {
		return (PlanProblem) new PlanProblem(HttpStatus.UNPROCESSABLE_CONTENT, "plan-invalid", "Plan has errors",
				"While publishing plan " + id + ": validation found " + errors
						+ " error(s); nothing was published. Fix them and publish again.")
			.with("planId", id)
			.with("problems", problems);
	}

	static PlanProblem staleBase(long id, List<String> grids) {
		return (PlanProblem) new PlanProblem(HttpStatus.CONFLICT, "stale-base", "Grids changed meanwhile",
				"While publishing plan " + id + ": grids " + String.join(", ", grids)
						+ " were replaced after the plan's changes to them were made (another plan was published); "
						+ "nothing was published. Start a new plan from the current grids.")
			.with("planId", id)
			.with("grids", grids);
	}

	static PlanProblem laterChangeScheduled(long id, List<String> grids) {
		return (PlanProblem) new PlanProblem(HttpStatus.CONFLICT, "later-change-scheduled",
				"A later change is scheduled",
				"While publishing plan " + id + ": grids " + String.join(", ", grids)
						+ " already have versions taking effect after this plan's effective instant; "
						+ "nothing was published. Choose a later effective date.")
			.with("planId", id)
			.with("grids", grids);
	}

	static String abbreviate(String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() <= 60) ? value : value.substring(0, 60) + "…";
	}

}
