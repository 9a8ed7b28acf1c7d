package org.gridmap.incident;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.gridmap.database.SqlScript;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code incident} made ahead (V10): on start and then
 * daily it asks {@code gridmap_ensure_incident_partitions} for the months from last month
 * to {@link #MONTHS_AHEAD} ahead. Several instances may run it at once (the function
 * serialises them). A failure is logged and retried the next day: reports never wait for
 * it, since a month without a partition lands in the default partition.
 */
@Component
class IncidentPartitions implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IncidentPartitions.class);

	/**
	 * Three months: a quarter of daily retries before a month could start without one.
	 */
	static final int MONTHS_AHEAD = 3;

	private static final String ENSURE = SqlScript.load(IncidentPartitions.class, "partitions.sql");

	private final DatabaseClient db;

	private volatile Disposable ticks;

	IncidentPartitions(DatabaseClient db) {
		this.db = db;
	}

	/** Makes the missing partitions; returns how many were made. */
	Mono<Integer> ensure() {
		return this.db.sql(ENSURE)
			.bind("monthsAhead", MONTHS_AHEAD)
			.map((row, meta) -> row.get("made", Integer.class))
			.one()
			.doOnNext((made) -> {
				if (made > 0) {
					logger.info("Made " + made + " monthly incident partitions");
				}
			});
	}

	@Override
	public void start() {
		this.ticks = Flux.interval(Duration.ZERO, Duration.ofDays(1))
			.onBackpressureDrop()
			.concatMap((tick) -> ensure().onErrorResume((ex) -> {
				logger.warn("Making incident partitions failed; retrying tomorrow: " + ex.getMessage());
				return Mono.just(0);
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.ticks;
		if (running != null) {
			running.dispose();
			this.ticks = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticks != null;
	}

}
