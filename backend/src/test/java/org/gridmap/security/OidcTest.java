package org.gridmap.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sign-in through an OIDC provider, for real: a JDK HTTP server in the test
 * plays the provider (discovery document and JWK set of a generated RSA key), the service
 * is configured with its issuer, and tokens signed with that key are accepted with the
 * roles and regions of their claims; another key, an expired token or another issuer are
 * 401.
 */
class OidcTest extends IntegrationTest {

	private static final RSAKey KEY = generate("provider-key");

	private static final HttpServer PROVIDER = start();

	private static final String ISSUER = "http://127.0.0.1:" + PROVIDER.getAddress().getPort() + "/realm";

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void oidc(DynamicPropertyRegistry registry) {
		registry.add("gridmap.oidc.issuer-uri", () -> ISSUER);
	}

	@AfterAll
	static void stop() {
		PROVIDER.stop(0);
	}

	@Test
	void aProvidersTokenIsAcceptedWithTheRolesAndRegionsOfItsClaims() throws Exception {
		String token = token(KEY, ISSUER, Instant.now().plusSeconds(300), List.of("dispatcher"), List.of("230304001"));
		JsonNode me = this.json.readTree(withToken(token).get()
			.uri("/api/v1/session")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(me.get("name").asString()).isEqualTo("oidc-user");
		assertThat(me.get("roles").toString()).isEqualTo("[\"DISPATCHER\"]");
		assertThat(me.get("regions").toString()).isEqualTo("[\"230304001\"]");
		withToken(token).get().uri("/api/v1/incidents?limit=1").exchange().expectStatus().isOk();
		withToken(token).get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
	}

	@Test
	void anotherKeyAnExpiredTokenOrAnotherIssuerIs401() throws Exception {
		RSAKey other = generate("provider-key");
		for (String token : List.of(token(other, ISSUER, Instant.now().plusSeconds(300), List.of("ADMIN"), List.of()),
				token(KEY, ISSUER, Instant.now().minusSeconds(600), List.of("ADMIN"), List.of()), token(KEY,
						"http://127.0.0.1:1/elsewhere", Instant.now().plusSeconds(300), List.of("ADMIN"), List.of()))) {
			withToken(token).get()
				.uri("/api/v1/users")
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private static String token(RSAKey key, String issuer, Instant expires, List<String> roles, List<String> regions)
			throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject("subject-1")
			.claim("preferred_username", "oidc-user")
			.claim("roles", roles)
			.claim("regions", regions)
			.issueTime(Date.from(expires.minusSeconds(900)))
			.expirationTime(Date.from(expires))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static RSAKey generate(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The provider: discovery at {issuer}/.well-known/openid-configuration, keys at
	 * /jwks.
	 */
	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			server.createContext("/realm/.well-known/openid-configuration", (exchange) -> {
				String body = "{\"issuer\":\"" + base + "/realm\",\"jwks_uri\":\"" + base
						+ "/jwks\",\"subject_types_supported\":[\"public\"],"
						+ "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
						+ "\"response_types_supported\":[\"code\"],\"authorization_endpoint\":\"" + base
						+ "/auth\",\"token_endpoint\":\"" + base + "/token\"}";
				send(exchange, body);
			});
			server.createContext("/jwks", (exchange) -> send(exchange, new JWKSet(KEY.toPublicJWK()).toString(true)));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
