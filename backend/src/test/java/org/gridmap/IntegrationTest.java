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
		properties = { "gridmap.demo-data=true", "spring.main.banner-mode=off" })
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
