package org.gridmap.problem;

import java.net.URI;

import org.gridmap.geo.JsonText;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every feature's error type: an RFC 9457 problem with a stable type, a title,
 * the detail that says what was wrong and where, and extra members for context (the
 * parameter that was bad, the plan being published …). Features subclass it once, e.g.
 * {@code LookupException}, and the one {@link ProblemHandler} renders them all.
 */
public abstract class GridmapProblem extends ErrorResponseException {

	/** Types are URNs: stable identifiers that need no documentation server. */
	public static URI type(String slug) {
		return URI.create("urn:gridmap:problem:" + slug);
	}

	protected GridmapProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, problem(status, slug, title, detail), null);
	}

	protected GridmapProblem(HttpStatus status, String slug, String title, String detail, Throwable cause) {
		super(status, problem(status, slug, title, detail), cause);
	}

	/** Adds a member to the problem body, e.g. the name of the bad parameter. */
	public GridmapProblem with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	/**
	 * No stack trace: a problem is an answer to the client (a point in no grid, a stale
	 * ETag), not a fault to debug, and walking the reactive stack cost more than the
	 * in-memory lookup it answered. A problem caused by another exception keeps that
	 * cause and its trace.
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	/**
	 * The problem as the JSON that {@link ProblemHandler} would write, for a hot path
	 * that answers without throwing. Members come in the handler's order (Jackson's: the
	 * standard members alphabetically, then the extra members).
	 */
	public String json(String instance) {
		ProblemDetail body = getBody();
		StringBuilder out = new StringBuilder(256).append("{\"detail\":")
			.append(JsonText.quote(body.getDetail()))
			.append(",\"instance\":")
			.append(JsonText.quote(instance))
			.append(",\"status\":")
			.append(body.getStatus())
			.append(",\"title\":")
			.append(JsonText.quote(body.getTitle()))
			.append(",\"type\":")
			.append(JsonText.quote(String.valueOf(body.getType())));
		if (body.getProperties() != null) {
			body.getProperties().forEach((name, value) -> {
				out.append(',').append(JsonText.quote(name)).append(':');
				out.append((value instanceof Number || value instanceof Boolean) ? String.valueOf(value)
						: JsonText.quote(String.valueOf(value)));
			});
		}
		return out.append('}').toString();
	}

	@Override
	public String getMessage() {
		return getBody().getTitle() + ": " + getBody().getDetail();
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

}
