package org.gridmap;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the tests that run the whole service over real HTTP on a random port against
 * the real PostGIS of {@link TestDatabase}, with the demo district loaded. All subclasses
 * share one application context (same configuration), so the district loads once per run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gridmap.demo-data=true", "spring.main.banner-mode=off",
				// Tests on this machine are not limited; RateLimitTest names other
				// clients through
				// X-Forwarded-For, which is trusted from the loopback proxy.
				"gridmap.rate-limit.exempt=127.0.0.1,0:0:0:0:0:0:0:1",
				"gridmap.rate-limit.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
				"gridmap.rate-limit.lookups-per-minute=60", "gridmap.rate-limit.submissions-per-minute=5" })
public abstract class IntegrationTest {

	@LocalServerPort
	protected int port;

	protected WebTestClient http;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
