package org.gridmap.problem;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Bounds how long a request may go unanswered ({@code gridmap.request-timeout}): past it,
 * the work is cancelled (an open transaction rolls back) and the client gets a 503
 * problem with {@code Retry-After}, so no request hangs on a database that has stopped
 * answering. The pool's acquire and connect timeouts and PostgreSQL's
 * {@code statement_timeout} end most waits sooner; this is the bound on all of them
 * together and on what they do not see (a connection whose peer has gone silent).
 *
 * <p>
 * Only the wait for the response's start is bounded: once the status is sent, a long
 * download (a grid export, an {@code /ogc} page) streams on, and the server-sent event
 * stream is never cut.
 */
@Component
class RequestTimeoutFilter implements WebFilter, Ordered {

	private final Duration timeout;

	RequestTimeoutFilter(@Value("${gridmap.request-timeout}") Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.timeout.isZero() || this.timeout.isNegative() || eventStream(exchange)) {
			return chain.filter(exchange);
		}
		// Fires only while nothing has been sent; after that it never signals.
		Mono<Long> unanswered = Mono.delay(this.timeout)
			.flatMap((tick) -> exchange.getResponse().isCommitted() ? Mono.never() : Mono.just(tick));
		return chain.filter(exchange).timeout(unanswered, Mono.error(() -> new RequestTimedOut(this.timeout)));
	}

	@Override
	public int getOrder() {
		// Outermost, so that the time counts everything after the request arrived.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static boolean eventStream(ServerWebExchange exchange) {
		if (exchange.getRequest().getPath().value().endsWith("/stream")) {
			return true;
		}
		return exchange.getRequest()
			.getHeaders()
			.getAccept()
			.stream()
			.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
	}

	/** The 503 a request gets when it was not answered in time. */
	static class RequestTimedOut extends GridmapProblem {

		RequestTimedOut(Duration timeout) {
			super(HttpStatus.SERVICE_UNAVAILABLE, "request-timeout", "Service temporarily unavailable",
					"The request was not answered within " + timeout.toMillis()
							+ " ms (the database is slow or not reachable) and was cancelled: what it was writing is "
							+ "rolled back unless it had committed. A report retried with the same Idempotency-Key "
							+ "is stored once. Try again shortly.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, ProblemHandler.RETRY_AFTER_SECONDS);
		}

	}

}
