package org.gridmap.audit;

/**
 * Who is writing, as the triggers record it: the principal's name (or {@code anonymous}),
 * the request ({@code POST /api/v1/incidents}) and the service's request id. Carried in
 * the Reactor context of a write request under this class.
 */
record AuditRequest(String actor, String request, String requestId) {

	/** Lengths the log keeps: a principal or path is never an essay. */
	static final int MAX_ACTOR = 200;

	static final int MAX_REQUEST = 500;

	AuditRequest {
		actor = cut(actor, MAX_ACTOR);
		request = cut(request, MAX_REQUEST);
		requestId = cut(requestId, 100);
	}

	private static String cut(String text, int max) {
		if (text == null) {
			return "";
		}
		return (text.length() > max) ? text.substring(0, max) : text;
	}

}
