package org.gridmap;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the tests that run the whole service over real HTTP on a random port against
 * the real PostGIS of {@link TestDatabase}, with the demo district loaded. All subclasses
 * share one application context (same configuration), so the district loads once per run.
 * <p>
 * {@link #http} is signed in as the first admin ({@link #ADMIN_PASSWORD}); tests of the
 * public view use {@link #anonymous()}, tests of a role make a user with
 * {@link #client(String, String...)}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gridmap.demo-data=true", "spring.main.banner-mode=off",
				"gridmap.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
				// Tests on this machine are not limited; RateLimitTest names other
				// clients through
				// X-Forwarded-For, which is trusted from the loopback proxy.
				"gridmap.rate-limit.exempt=127.0.0.1,0:0:0:0:0:0:0:1",
				"gridmap.rate-limit.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
				"gridmap.rate-limit.lookups-per-minute=60", "gridmap.rate-limit.submissions-per-minute=5" })
public abstract class IntegrationTest {

	/** The first admin's password in tests (GRIDMAP_ADMIN_PASSWORD). */
	public static final String ADMIN_PASSWORD = "test-admin-password";

	/** Password of the users the helpers make. */
	protected static final String USER_PASSWORD = "test-user-password";

	private static final Map<Integer, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

	@LocalServerPort
	protected int port;

	/** Signed in as admin. */
	protected WebTestClient http;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@BeforeEach
	void client() {
		this.http = withToken(adminToken());
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** The admin's session token (one sign-in per application). */
	protected String adminToken() {
		return ADMIN_TOKENS.computeIfAbsent(this.port, (port) -> signIn("admin", ADMIN_PASSWORD));
	}

	/** A client without credentials: the public. */
	protected WebTestClient anonymous() {
		return builder().build();
	}

	/** A client sending this bearer token. */
	protected WebTestClient withToken(String token) {
		return builder().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
	}

	/** Signs in and answers the session token. */
	protected String signIn(String name, String password) {
		Map<?, ?> session = anonymous().post()
			.uri("/api/v1/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "password", password))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) session.get("token");
	}

	/**
	 * Makes a user (through the users API, as admin) with these roles (comma-separated,
	 * e.g. {@code "DISPATCHER"}) and regions; answers the login.
	 */
	protected String createUser(String roles, String... regions) {
		String login = roles.toLowerCase().replace(',', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
		withToken(adminToken()).post()
			.uri("/api/v1/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "displayName", login, "password", USER_PASSWORD, "roles",
					List.of(roles.split(",")), "regions", List.of(regions)))
			.exchange()
			.expectStatus()
			.isCreated();
		return login;
	}

	/** A client signed in as a new user with these roles and regions. */
	protected WebTestClient client(String roles, String... regions) {
		return withToken(signIn(createUser(roles, regions), USER_PASSWORD));
	}

	private WebTestClient.Builder builder() {
		return WebTestClient.bindToServer()
			.baseUrl(baseUrl())
			// a shared two-core machine: slow answers are not what these tests judge
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024));
	}

}
