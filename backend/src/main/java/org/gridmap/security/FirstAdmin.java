package org.gridmap.security;

import java.security.SecureRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Out of the box there is one user: when the users table is empty at start, {@code admin}
 * is created with the password of {@code GRIDMAP_ADMIN_PASSWORD}, or else a random one
 * printed once in the log. Instances starting together on an empty database take a
 * transaction-scoped advisory lock first, so exactly one creates the admin.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(FirstAdmin.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final DatabaseClient db;

	private final Users users;

	private final TransactionalOperator transaction;

	private final String configured;

	FirstAdmin(DatabaseClient db, Users users, ReactiveTransactionManager transactions,
			@Value("${gridmap.admin-password:}") String configured) {
		this.db = db;
		this.users = users;
		this.transaction = TransactionalOperator.create(transactions);
		this.configured = configured;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean generated = this.configured.isBlank();
		String password = generated ? generate() : this.configured;
		try {
			Users.checkedPassword(password);
		}
		catch (SecurityProblem ex) {
			throw new IllegalStateException("GRIDMAP_ADMIN_PASSWORD must have 10 characters to 72 bytes");
		}
		Boolean created = this.transaction
			.transactional(this.db.sql("SELECT pg_advisory_xact_lock(hashtextextended('gridmap.first-admin', 0))")
				.then()
				.then(this.users.count())
				.flatMap((count) -> (count > 0) ? Mono.just(false)
						: this.users.hash(password)
							.flatMap((hash) -> this.db
								.sql("INSERT INTO users (login, display_name, password_hash, roles) "
										+ "VALUES ('admin', 'Administrator', :hash, ARRAY['ADMIN'])")
								.bind("hash", hash)
								.then())
							.thenReturn(true)))
			.block();
		if (Boolean.TRUE.equals(created)) {
			if (generated) {
				logger.warn(String.join(System.lineSeparator(), "",
						"================================================================",
						"  First administrator created. This password is shown only once:", "", "      name:     admin",
						"      password: " + password, "", "  Sign in at /map, then make users with /api/v1/users.",
						"  Set GRIDMAP_ADMIN_PASSWORD to choose it instead.",
						"================================================================"));
			}
			else {
				logger.info("First administrator 'admin' created with the password of GRIDMAP_ADMIN_PASSWORD");
			}
		}
	}

	private static String generate() {
		SecureRandom random = new SecureRandom();
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return out.toString();
	}

}
