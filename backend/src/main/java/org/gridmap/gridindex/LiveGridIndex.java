package org.gridmap.gridindex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The in-memory grid index this instance serves lookups from, kept current.
 *
 * <p>
 * It listens on PostgreSQL channel {@code gridmap_grids_changed} (a plan's publish
 * notifies it in its transaction, and a trigger on {@code grid}, {@code grid_staff},
 * {@code admin_area} and {@code service_station} does for any other write), so every
 * instance rebuilds after every committed change; it also rebuilds whenever its listening
 * connection is (re)established, as notifications sent while it was away are lost. Builds
 * run one at a time in the background and a burst of notifications costs one more build,
 * not one each. A finished build replaces the served one in a single reference swap: a
 * lookup sees the old index or the new one, never a half-built one.
 *
 * <p>
 * Each index answers for the period in which nothing it holds changes. When a change is
 * already scheduled (a plan published with a future effective date), the index for the
 * next period is built in advance, so lookups switch to the new boundaries at the
 * effective instant itself; a rebuild at that instant then looks one period further.
 * Instants no index covers (an {@code asOf} in the past, or beyond the next change) are
 * answered by the database, as are all lookups while the mode is {@code database} or
 * before the first build.
 */
@Component
public class LiveGridIndex {

	private static final Log logger = LogFactory.getLog(LiveGridIndex.class);

	static final String CHANNEL = "gridmap_grids_changed";

	/** How far ahead an already published change is built in advance. */
	static final Duration LOOKAHEAD = Duration.ofDays(2);

	private final GridIndexLoader loader;

	private final ConnectionFactory connections;

	private final boolean enabled;

	private final Sinks.Many<String> requests = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Generation generation;

	private volatile Disposable listening;

	private volatile Disposable building;

	private volatile Disposable timer;

	private volatile boolean connected;

	private final AtomicLong builds = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	LiveGridIndex(GridIndexLoader loader, ConnectionFactory connections,
			@Value("${gridmap.lookup.index}") String mode) {
		this.loader = loader;
		this.connections = connections;
		this.enabled = switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "memory" -> true;
			case "database" -> false;
			default -> throw new IllegalArgumentException(
					"GRIDMAP_LOOKUP_INDEX must be 'memory' or 'database', not '" + mode + "'");
		};
	}

	/**
	 * The index that answers for {@code instant}, or null when the database must answer.
	 * Instants before the index was built always go to the database: a period's start is
	 * only as old as the oldest boundary still in the tables, and rows a test or an
	 * operator deletes would otherwise stretch it back over states the index never saw.
	 */
	public GridIndex covering(Instant instant) {
		Generation current = this.generation;
		if (current == null || instant.isBefore(current.builtAt())) {
			return null;
		}
		for (GridIndex index : current.indexes()) {
			if (index.covers(instant)) {
				return index;
			}
		}
		return null;
	}

	public boolean enabled() {
		return this.enabled;
	}

	/** What is served now, for the health and info endpoints and the start-up log. */
	public Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("mode", this.enabled ? "memory" : "database");
		if (!this.enabled) {
			return out;
		}
		Generation current = this.generation;
		out.put("listening", this.connected);
		out.put("builds", this.builds.get());
		out.put("failedBuilds", this.failures.get());
		if (current != null) {
			GridIndex first = current.indexes().get(0);
			out.put("generation", current.number());
			out.put("builtAt", current.builtAt().toString());
			out.put("buildMillis", current.millis());
			out.put("grids", first.size());
			out.put("cells", first.cellCount());
			out.put("stations", first.stationCount());
			out.put("validFrom", String.valueOf(first.validFrom()));
			out.put("validUntil", String.valueOf(first.validUntil()));
			out.put("periodsAhead", current.indexes().size() - 1);
		}
		return out;
	}

	/** Asks for a rebuild; requests arriving during a build are served by one more. */
	public void refresh(String reason) {
		if (this.enabled) {
			this.requests.emitNext(reason, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.enabled) {
			logger.info("Lookups answered by the database (GRIDMAP_LOOKUP_INDEX=database)");
			return;
		}
		this.building = this.requests.asFlux()
			.onBackpressureLatest()
			.concatMap((reason) -> build(reason).onErrorResume((ex) -> {
				this.failures.incrementAndGet();
				logger.warn(
						"Grid index build failed (" + reason + "), still serving the previous one: " + ex.getMessage());
				// Try again shortly: the database may be restarting.
				scheduleRefresh(Duration.ofSeconds(5), "retry after a failed build");
				return Mono.empty();
			}), 1)
			.subscribe();
		refresh("start-up");
		this.listening = Flux
			.usingWhen(Mono.from(unpooled().create()), this::listen, (connection) -> connection.close())
			.doOnError((ex) -> this.connected = false)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
				.maxBackoff(Duration.ofSeconds(10))
				.doBeforeRetry((signal) -> logger.warn("Grid index lost its listening connection ("
						+ signal.failure().getMessage() + "); reconnecting")))
			.subscribe(this::refresh, (ex) -> logger.error("Grid index stopped listening", ex));
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		for (Disposable d : new Disposable[] { this.listening, this.building, this.timer }) {
			if (d != null) {
				d.dispose();
			}
		}
	}

	private Flux<String> listen(io.r2dbc.spi.Connection connection) {
		PostgresqlConnection postgres = (PostgresqlConnection) connection;
		return postgres.createStatement("LISTEN " + CHANNEL)
			.execute()
			.flatMap(PostgresqlResult::getRowsUpdated)
			.thenMany(Flux.concat(Mono.fromSupplier(() -> {
				this.connected = true;
				logger.info("Grid index listening on " + CHANNEL);
				// Whatever changed while not listening is caught by this rebuild.
				return "listening (re)connected";
			}), postgres.getNotifications().mapNotNull((n) -> "notified " + n.getParameter())))
			.concatWith(Mono.error(() -> new IllegalStateException("notification stream ended")));
	}

	private Mono<Generation> build(String reason) {
		long start = System.nanoTime();
		Instant now = Instant.now();
		return this.loader.load(now).flatMap((first) -> {
			Instant next = first.validUntil();
			if (next == null || next.isAfter(now.plus(LOOKAHEAD))) {
				return Mono.just(List.of(first));
			}
			return this.loader.load(next).map((second) -> List.of(first, second));
		}).map((indexes) -> {
			Generation previous = this.generation;
			Generation built = new Generation(new ArrayList<>(indexes), (previous != null) ? previous.number() + 1 : 1,
					Instant.now(), (System.nanoTime() - start) / 1_000_000);
			this.generation = built;
			this.builds.incrementAndGet();
			GridIndex first = indexes.get(0);
			logger.info(String.format(
					"Grid index %d built (%s): %d grids, %d cells, %d stations in %d ms (index %d ms); valid %s to %s%s",
					built.number(), reason, first.size(), first.cellCount(), first.stationCount(), built.millis(),
					first.buildMillis(), (first.validFrom() != null) ? first.validFrom() : "ever",
					(first.validUntil() != null) ? first.validUntil() : "further notice",
					(indexes.size() > 1) ? ", next period built ahead" : ""));
			Instant until = first.validUntil();
			if (until != null) {
				// Roll forward at the change: the next period's index is already there,
				// this builds the one after it. A day at most, so clocks cannot drift
				// far.
				Duration wait = Duration.between(Instant.now(), until).plusMillis(200);
				scheduleRefresh(wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait, "period ended");
			}
			return built;
		});
	}

	private synchronized void scheduleRefresh(Duration wait, String reason) {
		if (this.timer != null) {
			this.timer.dispose();
		}
		this.timer = Mono.delay(wait.isNegative() ? Duration.ZERO : wait).subscribe((tick) -> refresh(reason));
	}

	/**
	 * The driver's own factory under the pool: the listening connection is held for good.
	 */
	private ConnectionFactory unpooled() {
		return (this.connections instanceof ConnectionPool pool) ? pool.unwrap() : this.connections;
	}

	/** What one build produced: the index for now and, maybe, for the next period. */
	record Generation(List<GridIndex> indexes, long number, Instant builtAt, long millis) {
	}

}
