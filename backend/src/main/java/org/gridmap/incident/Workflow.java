package org.gridmap.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The closed loop as a table of steps (排查—派单—处置—反馈): each action, the role allowed to
 * take it, the states it starts from and the state it leads to. Everything else is
 * refused. Which signed-in users act in which role: {@link IncidentActions#actingRole}.
 *
 * <pre>
 * reported ─register→ registered ─dispatch→ dispatched ─accept→ handling ─handle→ handled
 *    │                     │  ↑                  │ return                     │  │
 *    └──reject→ rejected ←─┘  └───────────────────┘        fail_verification ←┘  verify
 *                                                                               ↓
 *                              registered ←reopen─ closed ←close─────────── verified
 *                                                    └─rate (once, by the resident)
 * </pre>
 */
enum Workflow {

	REGISTER("register", "dispatcher", Set.of("reported"), "registered"),

	REJECT("reject", "dispatcher", Set.of("reported", "registered"), "rejected"),

	DISPATCH("dispatch", "dispatcher", Set.of("registered"), "dispatched"),

	ACCEPT("accept", "department", Set.of("dispatched"), "handling"),

	/** The department says the matter is not its own: back to the dispatcher. */
	RETURN("return", "department", Set.of("dispatched"), "registered"),

	HANDLE("handle", "department", Set.of("handling"), "handled"),

	/** The grid worker checks on site that the problem is gone. */
	VERIFY("verify", "grid_worker", Set.of("handled"), "verified"),

	/** Verification failed: sent back to the department. */
	FAIL_VERIFICATION("fail_verification", "grid_worker", Set.of("handled"), "handling"),

	CLOSE("close", "dispatcher", Set.of("verified"), "closed"),

	REOPEN("reopen", "dispatcher", Set.of("closed"), "registered"),

	/** The resident's satisfaction (满意度回访), once, after closing. */
	RATE("rate", "public", Set.of("closed"), "closed");

	private final String action;

	private final String role;

	private final Set<String> from;

	private final String to;

	Workflow(String action, String role, Set<String> from, String to) {
		this.action = action;
		this.role = role;
		this.from = from;
		this.to = to;
	}

	String action() {
		return this.action;
	}

	String role() {
		return this.role;
	}

	String to() {
		return this.to;
	}

	/**
	 * @throws IncidentProblem when there is no such action
	 */
	static Workflow of(String action) {
		for (Workflow step : values()) {
			if (step.action.equals(action)) {
				return step;
			}
		}
		throw IncidentProblem.invalid("action", "Unknown action '" + IncidentProblem.abbreviate(action)
				+ "'; actions are " + String.join(", ", actions()));
	}

	boolean allowedFrom(String status) {
		return this.from.contains(status);
	}

	/** The steps open from a status, for the dispatcher's buttons. */
	static List<Workflow> from(String status) {
		List<Workflow> steps = new ArrayList<>();
		for (Workflow step : values()) {
			if (step.allowedFrom(status)) {
				steps.add(step);
			}
		}
		return steps;
	}

	static List<String> actions() {
		List<String> actions = new ArrayList<>();
		for (Workflow step : values()) {
			actions.add(step.action);
		}
		return actions;
	}

}
