package org.gridmap.incident;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Takes a report from any channel and makes it durable: stored, assigned to its grid,
 * grid worker and department, given its deadline, its first timeline step and its photos,
 * all in one transaction. When the returned Mono completes, the report is committed, so a
 * 201 means it is not lost. An {@code Idempotency-Key} makes retries safe: the same key
 * and request give the first answer again; the same key with another request is refused.
 * A report whose database connection turns out to be lost is tried once more on a fresh
 * one ({@link #connectionLost}), so that a restart or a cut network costs the reporter no
 * 503 where a new connection already works.
 */
@Component
public class IncidentIntake {

	private static final String INSERT = SqlScript.load(IncidentIntake.class, "insert.sql");

	private static final String EVENT = SqlScript.load(IncidentIntake.class, "event.sql");

	private static final String DUPLICATES = SqlScript.load(IncidentIntake.class, "duplicates.sql");

	/** Before the one retry of a report whose connection was lost. */
	static final Duration RETRY_PAUSE = Duration.ofMillis(50);

	private static final String QUERY_CANCELED = "57014";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

	/**
	 * Crockford's base 32: no I, L, O, U, so codes read out over the phone are
	 * unambiguous.
	 */
	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final JsonMapper json;

	private final int duplicateMetres;

	private final int duplicateHours;

	private final ZoneId zone;

	IncidentIntake(DatabaseClient db, ReactiveTransactionManager transactions, JsonMapper json,
			@Value("${gridmap.time-zone}") ZoneId zone,
			@Value("${gridmap.incidents.duplicate-metres}") int duplicateMetres,
			@Value("${gridmap.incidents.duplicate-hours}") int duplicateHours) {
		this.db = db;
		this.transaction = TransactionalOperator.create(transactions);
		this.json = json;
		this.duplicateMetres = duplicateMetres;
		this.duplicateHours = duplicateHours;
		this.zone = zone;
	}

	/**
	 * Stores a report.
	 * @param idempotencyKey the client's key, or null
	 * @return the receipt (as first given, when replayed)
	 */
	public Mono<Receipt> submit(NewReport report, List<Photo> photos, String idempotencyKey) {
		NewReport.Checked checked = report.checked();
		String key = checkKey(idempotencyKey);
		String fingerprint = checked.fingerprint(photos);
		Mono<Receipt> attempt = Mono.defer(() -> {
			Mono<Receipt> work = (key == null) ? store(checked, photos) : replayed(key, fingerprint).switchIfEmpty(
					Mono.defer(() -> store(checked, photos).flatMap((receipt) -> remember(key, fingerprint, receipt))));
			return this.transaction.transactional(work)
				// Two first requests with one key raced: the loser answers as a replay.
				.onErrorResume(DuplicateKeyException.class,
						(ex) -> (key != null) ? replayed(key, fingerprint) : Mono.error(ex));
		});
		return attempt.retryWhen(Retry.fixedDelay(1, RETRY_PAUSE)
			.filter((ex) -> connectionLost(ex, key != null))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	/**
	 * Whether a failed attempt may be made again at once, on a fresh connection: a pooled
	 * connection that the database had closed (restart, ended backend, cut network) fails
	 * the first statement it carries, and the next connection usually works. With an
	 * Idempotency-Key any lost connection qualifies, because a report that did commit is
	 * found by its key and answered as a replay, never stored twice; without a key only a
	 * transaction that could not begin, when nothing was sent.
	 */
	static boolean connectionLost(Throwable ex, boolean keyed) {
		if (ex instanceof CannotCreateTransactionException) {
			return lostConnection(ex);
		}
		return keyed && lostConnection(ex);
	}

	private static boolean lostConnection(Throwable ex) {
		boolean lost = false;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// A cancelled statement (statement_timeout) is a timeout, which a retry would
			// only make the client wait for twice; the driver reports it as a resource
			// failure like the rest of SQLSTATE class 57.
			if (cause instanceof R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())) {
				return false;
			}
			// Closed or ended by the server (57P01 …), or closed before a send.
			lost |= cause instanceof R2dbcNonTransientResourceException || cause instanceof AbortedException;
		}
		return lost;
	}

	private Mono<Receipt> store(NewReport.Checked report, List<Photo> photos) {
		String trackingCode = trackingCode(report.reportedAt(), this.zone);
		return this.db.sql(INSERT)
			.bind("lon", report.lon())
			.bind("lat", report.lat())
			.bind("matter", report.matter())
			.bind("trackingCode", trackingCode)
			.bind("description", report.description())
			.bind("channel", report.channel())
			.bind("reportedAt", report.reportedAt())
			.bind("address", nullable(report.address()))
			.bind("reporterName", nullable(report.reporterName()))
			.bind("reporterPhone", nullable(report.reporterPhone()))
			.bind("reporterEmail", nullable(report.reporterEmail()))
			.map((row, meta) -> new Stored(row.get("id", Long.class), row.get("tracking_code", String.class),
					row.get("grid_code", String.class), row.get("deadline", OffsetDateTime.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> IncidentProblem.invalid("matter",
					"Unknown matter '" + report.matter() + "'; see /api/v1/matters for the admitted-matters list")))
			.flatMap((stored) -> event(stored.id(), report).then(photos(stored.id(), photos))
				.then(duplicates(stored.id(), report.reportedAt()))
				.map((duplicates) -> new Receipt(stored.id(), stored.trackingCode(), "reported", report.matter(),
						stored.gridCode(), stored.deadline(), duplicates, false)));
	}

	private Mono<Void> event(long id, NewReport.Checked report) {
		boolean worker = "grid_worker".equals(report.channel());
		String actor = (report.reporterName() != null) ? report.reporterName() : worker ? "网格员" : "居民";
		return this.db.sql(EVENT)
			.bind("id", id)
			.bind("action", "report")
			.bindNull("fromStatus", String.class)
			.bind("toStatus", "reported")
			.bind("actor", actor)
			.bind("role", worker ? "grid_worker" : "public")
			.bind("note", "channel: " + report.channel())
			.bindNull("details", String.class)
			.then();
	}

	private Mono<Void> photos(long id, List<Photo> photos) {
		return Flux.fromIterable(photos)
			.concatMap((photo) -> this.db.sql(
					"INSERT INTO incident_photo (incident_id, content_type, width, height, bytes) VALUES (:id, :type, :width, :height, :bytes)")
				.bind("id", id)
				.bind("type", photo.contentType())
				.bind("width", photo.width())
				.bind("height", photo.height())
				.bind("bytes", ByteBuffer.wrap(photo.bytes()))
				.then())
			.then();
	}

	private Mono<List<Long>> duplicates(long id, OffsetDateTime reportedAt) {
		return this.db.sql(DUPLICATES)
			.bind("id", id)
			.bind("reportedAt", reportedAt)
			.bind("since", reportedAt.minusHours(this.duplicateHours))
			.bind("metres", this.duplicateMetres)
			.bind("hours", this.duplicateHours)
			.map((row, meta) -> row.get("id", Long.class))
			.all()
			.collectList();
	}

	private Mono<Receipt> replayed(String key, String fingerprint) {
		return this.db.sql("SELECT request_hash, response FROM idempotency_key WHERE key = :key")
			.bind("key", key)
			.map((row,
					meta) -> new String[] { row.get("request_hash", String.class), row.get("response", String.class) })
			.one()
			.map((stored) -> {
				if (!stored[0].equals(fingerprint)) {
					throw IncidentProblem.idempotencyKeyReused(key);
				}
				return this.json.readValue(stored[1], Receipt.class).asReplay();
			});
	}

	private Mono<Receipt> remember(String key, String fingerprint, Receipt receipt) {
		return this.db.sql(
				"INSERT INTO idempotency_key (key, request_hash, incident_id, response) VALUES (:key, :hash, :id, :response)")
			.bind("key", key)
			.bind("hash", fingerprint)
			.bind("id", receipt.id())
			.bind("response", this.json.writeValueAsString(receipt))
			.then()
			.thenReturn(receipt);
	}

	private static String checkKey(String key) {
		if (key == null) {
			return null;
		}
		if (key.isBlank() || key.length() > 200) {
			throw IncidentProblem.invalid("Idempotency-Key",
					"The Idempotency-Key header must hold 1 to 200 characters");
		}
		return key;
	}

	/**
	 * GM + report date in the district's zone + 6 random characters, e.g.
	 * GM20261123-4F7K2Q: 32^6 (about a billion) codes a day, unguessable enough that a
	 * code is its own access.
	 */
	static String trackingCode(OffsetDateTime reportedAt, ZoneId zone) {
		StringBuilder code = new StringBuilder("GM").append(reportedAt.atZoneSameInstant(zone).format(DAY)).append('-');
		for (int i = 0; i < 6; i++) {
			code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
		}
		return code.toString();
	}

	private static Parameter nullable(String value) {
		return (value != null) ? Parameter.from(value) : Parameter.empty(String.class);
	}

	private record Stored(long id, String trackingCode, String gridCode, OffsetDateTime deadline) {
	}

}
