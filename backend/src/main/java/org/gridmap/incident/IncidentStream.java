package org.gridmap.incident;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.gridmap.security.Caller;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

/**
 * Every committed incident step, as server-sent events for dispatchers. The source is
 * PostgreSQL {@code LISTEN gridmap_incident} (the timeline trigger NOTIFYs on commit), so
 * every instance of the service sees every change, whichever instance made it. One
 * dedicated connection per instance listens, outside the pool; it reconnects by itself
 * with back-off when the database goes away. Each step is enriched once with the
 * incident's feature and then fanned out to all subscribers.
 */
@Component
class IncidentStream {

	private static final Log logger = LogFactory.getLog(IncidentStream.class);

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	static final int BUFFER = 10_000;

	private final ConnectionFactory connections;

	private final IncidentQueries queries;

	private final JsonMapper json;

	private final Sinks.Many<Step> sink = Sinks.many().multicast().directBestEffort();

	private volatile Disposable listening;

	IncidentStream(ConnectionFactory connections, IncidentQueries queries, JsonMapper json) {
		this.connections = connections;
		this.queries = queries;
		this.json = json;
	}

	/**
	 * Steps as they commit, of the incidents in the caller's regions, with a comment line
	 * every 15 s so proxies keep the stream open.
	 */
	Flux<ServerSentEvent<String>> events(Caller caller) {
		Flux<ServerSentEvent<String>> heartbeat = Flux.interval(HEARTBEAT)
			.map((tick) -> ServerSentEvent.<String>builder().comment("keep-alive").build());
		// A dispatcher whose connection is briefly slow gets a buffer, not gaps.
		Flux<ServerSentEvent<String>> steps = this.sink.asFlux()
			.filter((step) -> caller.covers(step.gridCode()))
			.map(Step::event)
			.onBackpressureBuffer(BUFFER);
		return Flux.merge(steps, heartbeat).startWith(ServerSentEvent.<String>builder().comment("connected").build());
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.listening = Flux
			.usingWhen(Mono.from(unpooled().create()), this::listen, (connection) -> connection.close())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
				.maxBackoff(Duration.ofSeconds(10))
				.doBeforeRetry((signal) -> logger.warn("Incident stream lost its database connection ("
						+ signal.failure().getMessage() + "); reconnecting")))
			// With no dispatcher connected to this instance, a step is not read back: the
			// sink would drop it anyway, and every report would cost a second query.
			.filter((payload) -> this.sink.currentSubscriberCount() > 0)
			// Enriched up to 8 at a time, emitted in commit order.
			.flatMapSequential(this::enrich, 8)
			.subscribe((event) -> this.sink.tryEmitNext(event), (ex) -> logger.error("Incident stream stopped", ex));
	}

	@EventListener(ContextClosedEvent.class)
	void stop() {
		Disposable current = this.listening;
		if (current != null) {
			current.dispose();
		}
	}

	private Flux<String> listen(io.r2dbc.spi.Connection connection) {
		PostgresqlConnection postgres = (PostgresqlConnection) connection;
		return postgres.createStatement("LISTEN gridmap_incident")
			.execute()
			.flatMap(PostgresqlResult::getRowsUpdated)
			.thenMany(postgres.getNotifications())
			.doOnSubscribe((s) -> logger.info("Incident stream listening on gridmap_incident"))
			.mapNotNull((notification) -> notification.getParameter())
			// A closed notification stream means the connection ended: retry reconnects.
			.concatWith(Mono.error(() -> new IllegalStateException("notification stream ended")));
	}

	private Mono<Step> enrich(String payload) {
		JsonNode step = this.json.readTree(payload);
		long incidentId = step.get("incidentId").asLong();
		long eventId = step.get("eventId").asLong();
		return this.queries.feature(incidentId)
			.map((feature) -> new Step(ServerSentEvent.<String>builder()
				.event("incident")
				.id(String.valueOf(eventId))
				.data(payload.substring(0, payload.length() - 1) + ",\"feature\":" + feature + "}")
				.build(), gridCode(feature)))
			.onErrorResume((ex) -> {
				logger.warn("Could not read incident " + incidentId + " for the stream: " + ex.getMessage());
				return Mono.empty();
			});
	}

	/** The grid of a feature, read once per step for the subscribers' region filters. */
	private String gridCode(String feature) {
		JsonNode grid = this.json.readTree(feature).path("properties").path("gridCode");
		return (grid.isString()) ? grid.asString() : null;
	}

	/** A step's event and the grid of its incident. */
	private record Step(ServerSentEvent<String> event, String gridCode) {
	}

	/**
	 * The driver's own factory under the pool: a listening connection is held for good.
	 */
	private ConnectionFactory unpooled() {
		return (this.connections instanceof ConnectionPool pool) ? pool.unwrap() : this.connections;
	}

}
