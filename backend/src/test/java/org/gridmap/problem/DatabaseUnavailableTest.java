package org.gridmap.problem;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A database that cannot be reached is a 503 with {@code Retry-After}, whether a plain
 * read or a transaction (every write) met it first. Seen with the primary stopped
 * ({@code bench/scaleout.sh}): a report's transaction failed with
 * {@link CannotCreateTransactionException}.
 */
class DatabaseUnavailableTest {

	private final WebTestClient http = WebTestClient.bindToController(new Failing())
		.controllerAdvice(new ProblemHandler())
		.build();

	@Test
	void aTransactionWithoutConnectionIs503WithRetryAfter() {
		expect503("/transaction");
	}

	@Test
	void aReadWithoutConnectionIs503WithRetryAfter() {
		expect503("/read");
	}

	private void expect503(String path) {
		this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:database-unavailable");
	}

	@RestController
	static class Failing {

		@GetMapping("/transaction")
		Mono<String> transaction() {
			return Mono.error(new CannotCreateTransactionException("Could not open R2DBC Connection for transaction",
					new R2dbcNonTransientResourceException("Connection refused")));
		}

		@GetMapping("/read")
		Mono<String> read() {
			return Mono.error(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
					new R2dbcNonTransientResourceException("Connection refused")));
		}

	}

}
