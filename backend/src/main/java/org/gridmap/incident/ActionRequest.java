package org.gridmap.incident;

/**
 * A step in the loop as a client asks for it. {@code actor} and {@code role} are accepted
 * for older clients and ignored: who takes a step is the signed-in user, in the workflow
 * role their roles give them ({@link IncidentActions}).
 *
 * @param reason reject only: invalid, duplicate or not_our_matter
 * @param department dispatch only: a department other than the matter's owner
 * @param duplicateOf reject as duplicate: the incident this one repeats
 * @param rating rate only: 1 (very unsatisfied) to 5 (very satisfied)
 */
record ActionRequest(String action, String actor, String role, String note, String reason, String department,
		Long duplicateOf, Integer rating) {

	static final java.util.Set<String> REASONS = java.util.Set.of("invalid", "duplicate", "not_our_matter");

	/** Checks the fields the step needs; the state and role are checked under lock. */
	Workflow checked() {
		Workflow step = Workflow.of(this.action);
		NewReport.storable("note", this.note);
		NewReport.storable("department", this.department);
		if (this.note != null && this.note.length() > 2000) {
			throw IncidentProblem.invalid("note", "'note' must hold at most 2000 characters");
		}
		switch (step) {
			case REJECT -> {
				if (this.reason == null || !REASONS.contains(this.reason)) {
					throw IncidentProblem.invalid("reason",
							"Rejecting needs a 'reason': invalid, duplicate or not_our_matter");
				}
			}
			case HANDLE, FAIL_VERIFICATION, RETURN -> {
				if (this.note == null || this.note.isBlank()) {
					throw IncidentProblem.invalid("note",
							"'" + step.action() + "' needs a 'note' saying what was done or found");
				}
			}
			case RATE -> {
				if (this.rating == null || this.rating < 1 || this.rating > 5) {
					throw IncidentProblem.invalid("rating", "'rating' must be 1 to 5");
				}
			}
			default -> {
			}
		}
		if (this.department != null && step != Workflow.DISPATCH) {
			throw IncidentProblem.invalid("department", "'department' is given only with dispatch");
		}
		return step;
	}

}
