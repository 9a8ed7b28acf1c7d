package org.gridmap.ratelimit;

import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods from one client are answered 429 with Retry-After; other clients are unaffected.
 * Clients are named through X-Forwarded-For, trusted from the loopback proxy in tests.
 */
class RateLimitTest extends IntegrationTest {

	@Test
	void aFloodOfLookupsIsCutOffWithRetryAfterAndOthersStillGetAnswers() {
		// IntegrationTest allows 60 lookups a minute: a bucket of 60, refilled 1 a
		// second.
		int limited = 0;
		for (int i = 0; i < 80; i++) {
			limited += (lookup("203.0.113.7") == 429) ? 1 : 0;
		}
		assertThat(limited).isBetween(10, 20);
		this.http.get()
			.uri("/api/v1/lookup?lon=116.39&lat=39.91")
			.header("X-Forwarded-For", "203.0.113.7")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:rate-limited");
		assertThat(lookup("203.0.113.8")).isEqualTo(404);
	}

	private int lookup(String client) {
		return this.http.get()
			.uri("/api/v1/lookup?lon=116.39&lat=39.91")
			.header("X-Forwarded-For", client)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	@Test
	void aFloodOfReportsIsCutOffAndNothingPastTheLimitIsStored() {
		int created = 0;
		int limited = 0;
		// IntegrationTest allows 5 submissions a minute.
		for (int i = 0; i < 8; i++) {
			int status = this.http.post()
				.uri("/api/v1/incidents")
				.header("X-Forwarded-For", "198.51.100.9")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("matter", "x-unknown", "description", "flood", "lon", 130.8, "lat", 45.35))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			if (status == 429) {
				limited++;
			}
			else {
				created++;
			}
		}
		assertThat(created).isEqualTo(5);
		assertThat(limited).isEqualTo(3);
	}

}
