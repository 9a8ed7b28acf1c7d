package org.gridmap.security;

import java.time.OffsetDateTime;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /api/v1/session}: sign in with name and password for a bearer token, see who is
 * signed in, sign out. The token also comes as an HttpOnly, SameSite=Strict cookie,
 * because what a page loads without {@code fetch} cannot send headers (the incident
 * stream's {@code EventSource}, hotspot tiles, photos, CSV links);
 * {@link SecurityConfiguration} accepts that cookie on {@code GET} of staff paths only.
 */
@RestController
@RequestMapping("/api/v1/session")
class SessionController {

	static final String COOKIE = "gridmap_session";

	private final Users users;

	private final SessionTokens tokens;

	SessionController(Users users, SessionTokens tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	@PostMapping
	Mono<ResponseEntity<SignedIn>> signIn(@RequestBody Credentials credentials, ServerWebExchange exchange) {
		return this.users.authenticate(credentials.name(), credentials.password())
			.flatMap(this.tokens::issue)
			.flatMap((issued) -> this.tokens.caller(issued.token()).map((caller) -> {
				ResponseCookie cookie = ResponseCookie.from(COOKIE, issued.token())
					.httpOnly(true)
					.sameSite("Strict")
					.secure(exchange.getRequest().getSslInfo() != null)
					.path("/")
					.maxAge(this.tokens.ttl())
					.build();
				return ResponseEntity.status(HttpStatus.CREATED)
					.header(HttpHeaders.SET_COOKIE, cookie.toString())
					.header(HttpHeaders.CACHE_CONTROL, "no-store")
					.body(new SignedIn(issued.token(), "Bearer", issued.expiresAt(), Me.of(caller)));
			}));
	}

	@GetMapping
	Mono<Me> me() {
		return Caller.current().map(Me::of);
	}

	/** Ends the session of the token sent (an OIDC token ends at its provider). */
	@DeleteMapping
	Mono<ResponseEntity<Void>> signOut(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		String token = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).strip()
				: null;
		Mono<Void> revoke = (token != null && token.startsWith(SessionTokens.PREFIX)) ? this.tokens.revoke(token)
				: Mono.empty();
		ResponseCookie expired = ResponseCookie.from(COOKIE, "")
			.httpOnly(true)
			.sameSite("Strict")
			.path("/")
			.maxAge(0)
			.build();
		return revoke
			.thenReturn(ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, expired.toString()).<Void>build());
	}

	record Credentials(String name, String password) {
	}

	record SignedIn(String token, String tokenType, OffsetDateTime expiresAt, Me user) {
	}

	/** Who is signed in, as the pages show it. */
	record Me(String name, String displayName, List<String> roles, List<String> regions) {

		static Me of(Caller caller) {
			return new Me(caller.name(), caller.displayName(),
					caller.roles().stream().map(Role::name).sorted().toList(), caller.regions());
		}

	}

}
