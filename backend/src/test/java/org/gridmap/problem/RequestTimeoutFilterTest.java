package org.gridmap.problem;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request not answered within the request timeout gets a 503 problem with
 * {@code Retry-After} and its work is cancelled; a response that has started streaming is
 * not cut, however long it takes. Under real faults (a database gone silent) in
 * {@code org.gridmap.faults.ReportFaultTest}.
 */
class RequestTimeoutFilterTest {

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final WebTestClient http = WebTestClient.bindToRouterFunction(routes())
		.handlerStrategies(HandlerStrategies.builder()
			.webFilter(new RequestTimeoutFilter(Duration.ofMillis(300)))
			.exceptionHandler(new ProblemWebExceptionHandler(ServerCodecConfigurer.create()))
			.build())
		.configureClient()
		.responseTimeout(Duration.ofSeconds(10))
		.build();

	@Test
	void aRequestNotAnsweredInTimeIs503WithRetryAfterAndItsWorkIsCancelled() {
		this.http.get()
			.uri("/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", ProblemHandler.RETRY_AFTER_SECONDS)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:request-timeout");
		assertThat(this.cancelled).isTrue();
	}

	@Test
	void aResponseAlreadyStreamingRunsPastTheTimeout() {
		String body = this.http.get()
			.uri("/streaming")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		// Six parts 100 ms apart: 600 ms, twice the timeout.
		assertThat(body).isEqualTo("012345");
	}

	private RouterFunction<ServerResponse> routes() {
		return RouterFunctions
			.route(RequestPredicates.GET("/slow"),
					(request) -> Mono.delay(Duration.ofSeconds(5))
						.doOnCancel(() -> this.cancelled.set(true))
						.then(ServerResponse.ok().build()))
			.andRoute(RequestPredicates.GET("/streaming"), (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.body(Flux.interval(Duration.ZERO, Duration.ofMillis(100)).take(6).map(String::valueOf), String.class));
	}

}
