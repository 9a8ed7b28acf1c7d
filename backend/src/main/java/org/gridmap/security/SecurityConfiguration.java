package org.gridmap.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridmap.geo.JsonText;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Every authorisation rule by path, in one place (the table in {@code docs/security.md}).
 * Rules are tried in order; what no rule names is for admins only, so a new endpoint is
 * never public by accident (and {@code AuthorisationMatrixTest} fails until it has a
 * row). Region checks (which incidents, which plans) are in the features, through
 * {@link Caller#covers}.
 * <p>
 * Credentials: {@code Authorization: Bearer} with a session token of
 * {@code POST /api/v1/session} or, when {@code gridmap.oidc.*} is configured, a JWT of
 * that OIDC provider; on {@code GET} of staff paths only, the session cookie (for
 * {@code EventSource}, tiles, images and links). Nothing is kept in a server session
 * (stateless), and no CSRF token is needed: other sites cannot set the header, the cookie
 * is SameSite=Strict, and it is accepted on reads only. Public requests carry no
 * credentials and cost no database work here.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	private static final String[] STAFF = { "GRID_WORKER", "DISPATCHER", "PLANNER", "ADMIN" };

	private static final String[] INCIDENT_STAFF = { "GRID_WORKER", "DISPATCHER", "ADMIN" };

	private static final String[] DISPATCH = { "DISPATCHER", "ADMIN" };

	private static final String[] PLANNING = { "PLANNER", "ADMIN" };

	@Bean
	SecurityWebFilterChain securityChain(ServerHttpSecurity http, SessionTokens tokens, Oidc oidc) {
		ReactiveAuthenticationManager manager = authenticationManager(tokens, oidc.decoder(), oidc);
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			// Caching is each endpoint's own choice (ETags on tiles, lookups, plans).
			.headers((headers) -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
			.oauth2ResourceServer((server) -> server.bearerTokenConverter(credentials())
				.authenticationManagerResolver((exchange) -> Mono.just(manager))
				.authenticationEntryPoint(unauthorized())
				.accessDeniedHandler(forbidden()))
			.authorizeExchange((rules) -> rules
				// Public: the pages (the staff pages' shells hold no data and show a
				// sign-in form; their data needs a sign-in) and their assets.
				.pathMatchers(GET, "/", "/lookup", "/board", "/board/**", "/map", "/plan", "/assessment", "/stations",
						"/css/**", "/js/**", "/pages/**", "/webjars/**", "/favicon.ico")
				.permitAll()
				// Public: lookup, addresses, boards, OGC, Open311, public tiles,
				// stations,
				// catalogue, reports and their tracking, health.
				.pathMatchers(GET, "/api/v1/lookup", "/api/v1/addresses", "/api/v1/boards", "/api/v1/boards/**", "/ogc",
						"/ogc/**", "/open311/**", "/tiles/grids/**", "/tiles/incidents/**", "/api/v1/stations",
						"/api/v1/stations/*", "/api/v1/stations/*/circle", "/api/v1/coverage",
						"/api/v1/coverage/uncovered", "/api/v1/matters", "/api/v1/departments",
						"/api/v1/incidents/track/*", "/actuator/health", "/actuator/health/**", "/actuator/info",
						"/api/v1/bench/constant")
				.permitAll()
				.pathMatchers(POST, "/api/v1/lookup", "/open311/**", "/api/v1/incidents", "/api/v1/session")
				.permitAll()
				.pathMatchers(DELETE, "/api/v1/session")
				.permitAll()
				.pathMatchers(GET, "/api/v1/session")
				.hasAnyRole(STAFF)
				// Admins: users and the audit log.
				.pathMatchers("/api/v1/users", "/api/v1/users/**", "/api/v1/audit", "/api/v1/audit/**")
				.hasRole("ADMIN")
				// Incidents, in the caller's regions (IncidentController).
				.pathMatchers(GET, "/api/v1/incidents/stream")
				.hasAnyRole(DISPATCH)
				.pathMatchers(POST, "/api/v1/incidents/imports")
				.hasAnyRole(DISPATCH)
				.pathMatchers(GET, "/api/v1/incidents", "/api/v1/incidents/*", "/api/v1/incidents/*/photos/*")
				.hasAnyRole(INCIDENT_STAFF)
				.pathMatchers(POST, "/api/v1/incidents/*/actions")
				.hasAnyRole(INCIDENT_STAFF)
				// Analytics.
				.pathMatchers(GET, "/api/v1/hotspots", "/api/v1/hotspots/**", "/api/v1/stats/**", "/tiles/hotspots/**")
				.hasAnyRole(DISPATCH)
				// Planning, in the caller's regions (Plans, gridfile, proposal).
				.pathMatchers("/api/v1/plans", "/api/v1/plans/**")
				.hasAnyRole(PLANNING)
				.pathMatchers(POST, "/api/v1/proposals", "/api/v1/grids/imports/preview", "/api/v1/network/import",
						"/api/v1/coverage/siting", "/api/v1/stations")
				.hasAnyRole(PLANNING)
				.pathMatchers(GET, "/api/v1/grids/export")
				.hasAnyRole(PLANNING)
				.pathMatchers(PUT, "/api/v1/stations/*")
				.hasAnyRole(PLANNING)
				.pathMatchers(PATCH, "/api/v1/stations/*")
				.hasAnyRole(PLANNING)
				.pathMatchers(DELETE, "/api/v1/stations/*")
				.hasAnyRole(PLANNING)
				// Any staff: grid versions and history, the road network.
				.pathMatchers(GET, "/api/v1/grids/*", "/api/v1/grids/*/history", "/api/v1/network")
				.hasAnyRole(STAFF)
				// Everything else (other actuator endpoints, new endpoints): admins only.
				.anyExchange()
				.hasRole("ADMIN"))
			.build();
	}

	/**
	 * Session tokens ({@code gm_…}) against the database; anything else as a JWT of the
	 * OIDC provider when one is configured.
	 */
	static ReactiveAuthenticationManager authenticationManager(SessionTokens tokens, ReactiveJwtDecoder decoder,
			Oidc oidc) {
		JwtReactiveAuthenticationManager jwt = null;
		if (decoder != null) {
			jwt = new JwtReactiveAuthenticationManager(decoder);
			jwt.setJwtAuthenticationConverter((token) -> Mono.just(new StaffAuthentication(oidc.caller(token))));
		}
		JwtReactiveAuthenticationManager jwtManager = jwt;
		return (authentication) -> {
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			if (token.startsWith(SessionTokens.PREFIX)) {
				return tokens
					.caller(token).<org.springframework.security.core.Authentication>map(StaffAuthentication::new)
					.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown or expired session")));
			}
			if (jwtManager != null) {
				return jwtManager.authenticate(authentication);
			}
			return Mono.error(new BadCredentialsException("Not a session token"));
		};
	}

	/**
	 * Staff paths where a {@code GET} may authenticate with the session cookie instead of
	 * the header: what pages load without {@code fetch} (EventSource, tiles, images,
	 * download links). Never the public paths, which stay free of database work.
	 */
	static final List<String> COOKIE_PATHS = List.of("/api/v1/incidents", "/api/v1/stats", "/api/v1/hotspots",
			"/tiles/hotspots/", "/api/v1/plans", "/api/v1/grids/", "/api/v1/network", "/api/v1/session");

	/**
	 * The bearer token of the Authorization header; without one, on a {@code GET} of a
	 * staff path ({@link #COOKIE_PATHS}), the session cookie. Without either, the request
	 * is anonymous.
	 */
	static ServerAuthenticationConverter credentials() {
		return (exchange) -> {
			String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				String token = header.substring(7).strip();
				return token.isEmpty() ? Mono.error(new BadCredentialsException("Empty bearer token"))
						: Mono.just(new BearerTokenAuthenticationToken(token));
			}
			if (header == null && HttpMethod.GET.equals(exchange.getRequest().getMethod())
					&& cookiePath(exchange.getRequest().getPath().value())) {
				HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SessionController.COOKIE);
				if (cookie != null && cookie.getValue().startsWith(SessionTokens.PREFIX)) {
					return Mono.just(new BearerTokenAuthenticationToken(cookie.getValue()));
				}
			}
			return Mono.empty();
		};
	}

	static boolean cookiePath(String path) {
		if (path.startsWith("/api/v1/incidents/track/")) {
			return false;
		}
		for (String prefix : COOKIE_PATHS) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	static ServerAuthenticationEntryPoint unauthorized() {
		return (exchange, ex) -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			String detail = (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))
					? "The token is invalid, expired or signed out; sign in again."
					: "Sign in (POST /api/v1/session) and send the token as Authorization: Bearer.";
			return problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required", detail);
		};
	}

	static ServerAccessDeniedHandler forbidden() {
		return (exchange, ex) -> problem(exchange, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
				"Your roles do not allow " + exchange.getRequest().getMethod() + " "
						+ exchange.getRequest().getPath().value() + ".");
	}

	/**
	 * No observation (timer and span) per security filter and per authorisation decision:
	 * on top of the one per HTTP request, they were a third of the CPU of a public lookup
	 * (JFR under load). The request observation still times every request.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * A request the security firewall refuses before any rule (an encoded slash or dot
	 * segment, a semicolon or a NUL in the path …) gets a 400 problem like every other
	 * bad input, not the firewall's empty answer.
	 */
	@Bean
	ServerExchangeRejectedHandler rejectedRequest() {
		return (exchange, ex) -> problem(exchange, HttpStatus.BAD_REQUEST, "rejected-request", "Request rejected",
				"The request path holds characters or segments this service never accepts "
						+ "(encoded slashes, dot segments, semicolons, control characters).");
	}

	private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String slug, String title,
			String detail) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String body = "{\"type\":" + JsonText.quote("urn:gridmap:problem:" + slug) + ",\"title\":"
				+ JsonText.quote(title) + ",\"status\":" + status.value() + ",\"detail\":" + JsonText.quote(detail)
				+ ",\"instance\":" + JsonText.quote(exchange.getRequest().getPath().value()) + "}";
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * An OIDC provider's JWTs, when {@code gridmap.oidc.issuer-uri} or
	 * {@code gridmap.oidc.jwk-set-uri} is set: signature by the provider's JWK set,
	 * expiry, and the issuer when one is named. Roles and regions come from configurable
	 * claims (a list or a space- or comma-separated string each).
	 */
	@Bean
	Oidc oidc(@Value("${gridmap.oidc.issuer-uri:}") String issuer, @Value("${gridmap.oidc.jwk-set-uri:}") String jwks,
			@Value("${gridmap.oidc.name-claim:preferred_username}") String nameClaim,
			@Value("${gridmap.oidc.roles-claim:roles}") String rolesClaim,
			@Value("${gridmap.oidc.regions-claim:regions}") String regionsClaim) {
		ReactiveJwtDecoder decoder = null;
		if (!jwks.isBlank()) {
			NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(jwks).build();
			OAuth2TokenValidator<Jwt> validator = issuer.isBlank() ? JwtValidators.createDefault()
					: JwtValidators.createDefaultWithIssuer(issuer);
			nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator));
			decoder = nimbus;
		}
		else if (!issuer.isBlank()) {
			decoder = ReactiveJwtDecoders.fromIssuerLocation(issuer);
		}
		return new Oidc(decoder, nameClaim, rolesClaim, regionsClaim);
	}

	/** The configured OIDC provider, if any, and where its claims are. */
	record Oidc(ReactiveJwtDecoder decoder, String nameClaim, String rolesClaim, String regionsClaim) {

		Caller caller(Jwt jwt) {
			String name = jwt.getClaimAsString(this.nameClaim);
			if (name == null || name.isBlank()) {
				name = jwt.getSubject();
			}
			Set<Role> roles = EnumSet.noneOf(Role.class);
			for (String text : strings(jwt.getClaims().get(this.rolesClaim))) {
				Role role = Role.parse(text);
				if (role != null) {
					roles.add(role);
				}
			}
			List<String> regions = new ArrayList<>();
			for (String text : strings(jwt.getClaims().get(this.regionsClaim))) {
				if (Users.REGION.matcher(text).matches()) {
					regions.add(text);
				}
			}
			return new Caller(name, name, roles, List.copyOf(regions));
		}

		private static List<String> strings(Object claim) {
			List<String> out = new ArrayList<>();
			if (claim instanceof java.util.Collection<?> items) {
				items.forEach((item) -> out.add(String.valueOf(item)));
			}
			else if (claim instanceof String text) {
				for (String part : text.split("[\\s,]+")) {
					if (!part.isEmpty()) {
						out.add(part);
					}
				}
			}
			return out;
		}

	}

}
