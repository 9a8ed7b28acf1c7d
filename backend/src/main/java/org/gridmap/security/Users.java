package org.gridmap.security;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The staff accounts: checks of their fields, password hashing (Spring Security's
 * {@code DelegatingPasswordEncoder}, bcrypt by default, off the event loop), sign-in with
 * a limit on failed attempts per name, and the users API's reads and writes.
 */
@Component
class Users {

	static final Pattern LOGIN = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");

	static final Pattern REGION = Pattern.compile("^[0-9]{6}([0-9]{3}){0,3}$");

	/** Failed sign-ins in a row after which a name is refused for {@link #LOCK}. */
	static final int MAX_FAILURES = 5;

	static final Duration LOCK = Duration.ofMinutes(5);

	private static final String COLUMNS = SqlScript.load(Users.class, "user-columns.sql");

	private static final String LOGIN_READ = SqlScript.load(Users.class, "login-read.sql");

	private static final String UPDATE = SqlScript.load(Users.class, "user-update.sql");

	private final DatabaseClient db;

	private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	/** Compared against for unknown names, so that they take as long as known ones. */
	private final String decoy = this.passwords.encode("decoy-password-never-used");

	Users(DatabaseClient db) {
		this.db = db;
	}

	/** The user id when name and password match an enabled user; 401 otherwise. */
	Mono<Long> authenticate(String login, String password) {
		if (login == null || password == null || !LOGIN.matcher(login).matches() || password.length() > 200) {
			return Mono.error(SecurityProblem.badCredentials());
		}
		return this.db.sql(LOGIN_READ)
			.bind("login", login)
			.map((row, meta) -> new Stored(row.get("id", Long.class), row.get("password_hash", String.class),
					row.get("enabled", Boolean.class), row.get("failed_logins", Integer.class),
					row.get("last_failed_at", OffsetDateTime.class)))
			.one()
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((found) -> {
				if (found.isPresent() && found.get().locked()) {
					long seconds = Math.max(1,
							Duration.between(OffsetDateTime.now(), found.get().lastFailedAt().plus(LOCK)).toSeconds());
					return Mono.error(SecurityProblem.tooManyAttempts(seconds));
				}
				String hash = found.map(Stored::hash).orElse(this.decoy);
				return Mono.fromCallable(() -> this.passwords.matches(password, hash))
					.subscribeOn(Schedulers.boundedElastic())
					.flatMap((matches) -> {
						if (found.isEmpty()) {
							return Mono.error(SecurityProblem.badCredentials());
						}
						Stored user = found.get();
						if (!matches) {
							return this.db
								.sql("UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = now() "
										+ "WHERE id = :id")
								.bind("id", user.id())
								.then()
								.then(Mono.error(SecurityProblem.badCredentials()));
						}
						if (!user.enabled()) {
							return Mono.error(SecurityProblem.badCredentials());
						}
						return this.db.sql("UPDATE users SET failed_logins = 0 WHERE id = :id AND failed_logins > 0")
							.bind("id", user.id())
							.then()
							.thenReturn(user.id());
					});
			});
	}

	Flux<User> list() {
		return read(null).all();
	}

	Mono<User> get(String login) {
		return read(login).one().switchIfEmpty(Mono.error(() -> SecurityProblem.notFound(login)));
	}

	Mono<User> create(UserBody body) {
		String login = checkedLogin(body.login());
		String display = checkedDisplayName((body.displayName() != null) ? body.displayName() : login);
		String password = checkedPassword(body.password());
		String[] roles = checkedRoles(body.roles());
		String[] regions = checkedRegions(body.regions());
		boolean enabled = (body.enabled() == null) || body.enabled();
		return hash(password)
			.flatMap((hash) -> this.db
				.sql("INSERT INTO users (login, display_name, password_hash, roles, regions, enabled) "
						+ "VALUES (:login, :display, :hash, :roles, :regions, :enabled)")
				.bind("login", login)
				.bind("display", display)
				.bind("hash", hash)
				.bind("roles", roles)
				.bind("regions", regions)
				.bind("enabled", enabled)
				.then())
			.onErrorMap(DataIntegrityViolationException.class,
					(ex) -> SecurityProblem.conflict("A user '" + login + "' exists already."))
			.then(Mono.defer(() -> get(login)));
	}

	/**
	 * Changes what the body names. Disabling a user or setting a password ends their
	 * sessions.
	 */
	Mono<User> update(String login, UserBody body) {
		if (body.login() != null && !body.login().equals(login)) {
			throw SecurityProblem.invalid("login", "A user's login cannot change.");
		}
		String display = (body.displayName() != null) ? checkedDisplayName(body.displayName()) : null;
		String[] roles = (body.roles() != null) ? checkedRoles(body.roles()) : null;
		String[] regions = (body.regions() != null) ? checkedRegions(body.regions()) : null;
		String password = (body.password() != null) ? checkedPassword(body.password()) : null;
		Mono<String> hash = (password != null) ? hash(password) : Mono.just("");
		boolean endSessions = password != null || Boolean.FALSE.equals(body.enabled());
		return hash.flatMap((encoded) -> {
			GenericExecuteSpec spec = this.db.sql(UPDATE).bind("login", login);
			spec = bindOrNull(spec, "displayName", display, String.class);
			spec = bindOrNull(spec, "roles", roles, String[].class);
			spec = bindOrNull(spec, "regions", regions, String[].class);
			spec = bindOrNull(spec, "enabled", body.enabled(), Boolean.class);
			spec = bindOrNull(spec, "passwordHash", encoded.isEmpty() ? null : encoded, String.class);
			return spec.map((row, meta) -> row.get("id", Long.class)).one();
		})
			.switchIfEmpty(Mono.error(() -> SecurityProblem.notFound(login)))
			.flatMap((id) -> endSessions
					? this.db.sql("DELETE FROM user_session WHERE user_id = :id").bind("id", id).then() : Mono.empty())
			.then(Mono.defer(() -> get(login)));
	}

	/** Whether any user exists (the first admin is made only into an empty table). */
	Mono<Long> count() {
		return this.db.sql("SELECT count(*) FROM users").map((row, meta) -> row.get(0, Long.class)).one();
	}

	Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.passwords.encode(password)).subscribeOn(Schedulers.boundedElastic());
	}

	private GenericExecuteSpec readSpec(String login) {
		return bindOrNull(this.db.sql(COLUMNS), "login", login, String.class);
	}

	private org.springframework.r2dbc.core.RowsFetchSpec<User> read(String login) {
		return readSpec(login).map((row, meta) -> new User(row.get("login", String.class),
				row.get("display_name", String.class), List.of(row.get("roles", String[].class)),
				List.of(row.get("regions", String[].class)), row.get("enabled", Boolean.class),
				row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class)));
	}

	static String checkedLogin(String login) {
		if (login == null || !LOGIN.matcher(login).matches()) {
			throw SecurityProblem.invalid("login", "'login' is 1–64 letters, digits or . _ @ -");
		}
		return login;
	}

	static String checkedDisplayName(String name) {
		if (name.isBlank() || name.strip().length() > 100) {
			throw SecurityProblem.invalid("displayName", "'displayName' is 1–100 characters");
		}
		return name.strip();
	}

	/** 10 to 72 bytes: bcrypt reads no further than 72. */
	static String checkedPassword(String password) {
		int bytes = (password != null) ? password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : 0;
		if (password == null || password.length() < 10 || bytes > 72) {
			throw SecurityProblem.invalid("password", "'password' is 10 characters to 72 bytes");
		}
		return password;
	}

	static String[] checkedRoles(List<String> names) {
		if (names == null) {
			return new String[0];
		}
		Set<String> out = new LinkedHashSet<>();
		for (String name : names) {
			Role role = Role.parse(name);
			if (role == null) {
				throw SecurityProblem.invalid("roles", "Roles are " + Arrays.toString(Role.values()) + ", got '"
						+ SecurityProblem.abbreviate(name) + "'");
			}
			out.add(role.name());
		}
		return out.toArray(String[]::new);
	}

	static String[] checkedRegions(List<String> codes) {
		if (codes == null) {
			return new String[0];
		}
		if (codes.size() > 1000) {
			throw SecurityProblem.invalid("regions", "At most 1000 regions");
		}
		List<String> out = new ArrayList<>();
		for (String code : codes) {
			if (code == null || !REGION.matcher(code).matches()) {
				throw SecurityProblem.invalid("regions", "A region is an area code of 6, 9, 12 or 15 digits, got '"
						+ SecurityProblem.abbreviate(code) + "'");
			}
			if (!out.contains(code)) {
				out.add(code);
			}
		}
		return out.toArray(String[]::new);
	}

	private static <T> GenericExecuteSpec bindOrNull(GenericExecuteSpec spec, String name, T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	private record Stored(long id, String hash, boolean enabled, int failures, OffsetDateTime lastFailedAt) {

		boolean locked() {
			return this.failures >= MAX_FAILURES && this.lastFailedAt != null
					&& this.lastFailedAt.plus(LOCK).isAfter(OffsetDateTime.now());
		}

	}

	/** A user as the API shows it: never the password or its hash. */
	record User(String login, String displayName, List<String> roles, List<String> regions, boolean enabled,
			OffsetDateTime createdAt, OffsetDateTime updatedAt) {
	}

	/** The users API's request body; {@code null} members are left as they are. */
	record UserBody(String login, String displayName, String password, List<String> roles, List<String> regions,
			Boolean enabled) {
	}

}
