package org.gridmap.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridmap.database.SqlScript;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Opaque session tokens: {@code gm_} and 32 random bytes (base64url), stored only as
 * their SHA-256 with the user and an expiry. Every instance checks them against the
 * database, so any instance accepts a token issued by another, and logout or disabling a
 * user takes effect on the next request. Roles and regions are read with the session, so
 * an admin's change applies at once too.
 */
@Component
class SessionTokens {

	static final String PREFIX = "gm_";

	private static final String SESSION_USER = SqlScript.load(SessionTokens.class, "session-user.sql");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DatabaseClient db;

	private final Duration ttl;

	SessionTokens(DatabaseClient db, @Value("${gridmap.session.ttl:PT8H}") Duration ttl) {
		this.db = db;
		this.ttl = ttl;
	}

	Duration ttl() {
		return this.ttl;
	}

	/** A new session for a user: the token, returned once, and when it expires. */
	Mono<Issued> issue(long userId) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		OffsetDateTime expires = OffsetDateTime.now().plus(this.ttl);
		// Sessions long expired are swept here, a sign-in being rare next to requests.
		return this.db.sql("DELETE FROM user_session WHERE expires_at < now() - interval '1 day'")
			.then()
			.then(this.db
				.sql("INSERT INTO user_session (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
				.bind("hash", hash(token))
				.bind("user", userId)
				.bind("expires", expires)
				.then())
			.thenReturn(new Issued(token, expires));
	}

	/** The user of a live session; empty for an unknown, expired or disabled one. */
	Mono<Caller> caller(String token) {
		return this.db.sql(SESSION_USER).bind("hash", hash(token)).map((row, meta) -> {
			Set<Role> roles = EnumSet.noneOf(Role.class);
			for (String name : row.get("roles", String[].class)) {
				Role role = Role.parse(name);
				if (role != null) {
					roles.add(role);
				}
			}
			return new Caller(row.get("login", String.class), row.get("display_name", String.class), roles,
					List.of(row.get("regions", String[].class)));
		}).one();
	}

	Mono<Void> revoke(String token) {
		return this.db.sql("DELETE FROM user_session WHERE token_hash = :hash").bind("hash", hash(token)).then();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Issued(String token, OffsetDateTime expiresAt) {
	}

}
