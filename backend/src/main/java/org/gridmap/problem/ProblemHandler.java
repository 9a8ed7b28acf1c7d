package org.gridmap.problem;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one place where errors become RFC 9457 {@code application/problem+json}: feature
 * problems ({@link GridmapProblem}), Spring's own (missing parameter, bad body, wrong
 * method …), an unreachable database (503 with {@code Retry-After}) and, last, anything
 * unexpected (500, logged with its stack trace, no internals in the body).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemHandler.class);

	static final String RETRY_AFTER_SECONDS = "5";

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, org.springframework.http.HttpStatusCode status, ServerWebExchange exchange) {
		if (causedBy(ex, DataBufferLimitException.class)) {
			ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than this endpoint accepts.");
			body.setType(GridmapProblem.type("body-too-large"));
			body.setTitle("Request body too large");
			return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, exchange);
		}
		ProblemDetail body = ex.getBody();
		body.setType(GridmapProblem.type("invalid-request"));
		body.setDetail(inputDetail(ex));
		return handleExceptionInternal(ex, body, headers, status, exchange);
	}

	// CannotCreateTransactionException: a transaction could not get its connection (the
	// database is stopped or restarting), which is what a write meets first.
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			R2dbcTransientResourceException.class, R2dbcNonTransientResourceException.class,
			CannotCreateTransactionException.class })
	Mono<ResponseEntity<Object>> databaseUnavailable(Exception ex, ServerWebExchange exchange) {
		// The cause says why (refused, closed, timed out), the outer message only where.
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		logger.warn("Database unavailable: " + ex.getMessage()
				+ ((cause != ex) ? " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")" : ""));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is not reachable right now; try again shortly.");
		body.setType(GridmapProblem.type("database-unavailable"));
		body.setTitle("Service temporarily unavailable");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return handleExceptionInternal(ex, body, headers, HttpStatus.SERVICE_UNAVAILABLE, exchange);
	}

	/** A body or multipart part over its limit, wherever it was read. */
	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<Object>> tooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request, or a part of it, is larger than this endpoint accepts: " + ex.getMessage());
		body.setType(GridmapProblem.type("body-too-large"));
		body.setTitle("Request body too large");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, exchange);
	}

	/** A write that a constraint refused: the request conflicts with what is stored. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	Mono<ResponseEntity<Object>> conflict(DataIntegrityViolationException ex, ServerWebExchange exchange) {
		logger.info("Refused by a database constraint: " + ex.getMostSpecificCause().getMessage());
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The request conflicts with stored data (a referenced record is missing or a value is taken).");
		body.setType(GridmapProblem.type("conflict"));
		body.setTitle("Conflict with stored data");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.CONFLICT, exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
		logger.error("Unexpected error on " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath(),
				ex);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; it has been logged.");
		body.setType(GridmapProblem.type("internal-error"));
		body.setTitle("Internal error");
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
	}

	/**
	 * Spring's own problems (no route, wrong media type, body over the codec's limit …)
	 * come with type {@code about:blank}, which JSON leaves out: give them a stable type
	 * of their own, like every feature's problem, and a detail where Spring has none.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
			org.springframework.http.HttpStatusCode status, ServerWebExchange exchange) {
		if (body instanceof ProblemDetail problem) {
			typed(problem, status);
		}
		return super.createResponseEntity(body, headers, status, exchange);
	}

	static void typed(ProblemDetail problem, org.springframework.http.HttpStatusCode status) {
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(GridmapProblem.type(slug(status)));
		}
		if (problem.getDetail() == null && status.value() == 413) {
			problem.setDetail("The request body is larger than this endpoint accepts.");
		}
		if (problem.getDetail() == null && status.value() == 415) {
			problem.setDetail("The request has no Content-Type this endpoint reads.");
		}
	}

	static String slug(org.springframework.http.HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "invalid-request";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 413 -> "body-too-large";
			case 414 -> "uri-too-long";
			case 415 -> "unsupported-media-type";
			case 431 -> "headers-too-large";
			default -> "http-" + status.value();
		};
	}

	/** Spring's input messages name Java types; say what the client sent instead. */
	private static String inputDetail(ServerWebInputException ex) {
		String reason = ex.getReason();
		if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
			return "Parameter '" + ex.getMethodParameter().getParameterName() + "' is invalid"
					+ ((reason != null) ? ": " + reason : ".");
		}
		return (reason != null) ? reason : "The request could not be read.";
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
