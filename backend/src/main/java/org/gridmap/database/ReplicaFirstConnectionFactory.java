package org.gridmap.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Connections for lag-tolerant reads: from the replica's pool, or from the primary's when
 * the replica cannot give one (stopped, restarting, unreachable, its pool exhausted), so
 * a replica outage costs the reads nothing but the primary's capacity. After a failure
 * the replica is left alone for {@link #pause}, so that a replica that times out does not
 * make every read wait for it first. Only getting a connection falls back: a statement
 * that fails on the replica fails the request, as it would on the primary.
 */
final class ReplicaFirstConnectionFactory implements ConnectionFactory {

	private static final Log logger = LogFactory.getLog(ReplicaFirstConnectionFactory.class);

	static final Duration PAUSE = Duration.ofSeconds(10);

	private final ConnectionFactory replica;

	private final ConnectionFactory primary;

	private final Duration pause;

	private final AtomicLong fallbacks = new AtomicLong();

	/** System.nanoTime() until which the replica is skipped. */
	private volatile long skipUntil;

	private volatile boolean skipped;

	ReplicaFirstConnectionFactory(ConnectionFactory replica, ConnectionFactory primary, Duration pause) {
		this.replica = replica;
		this.primary = primary;
		this.pause = pause;
	}

	@Override
	public Mono<Connection> create() {
		if (skipping()) {
			this.fallbacks.incrementAndGet();
			return Mono.from(this.primary.create());
		}
		return Mono.<Connection>from(this.replica.create()).onErrorResume((ex) -> {
			if (!skipping()) {
				logger.warn("Read replica unavailable (" + ex.getMessage() + "); reads go to the primary for the next "
						+ this.pause.toSeconds() + " s");
			}
			this.skipUntil = System.nanoTime() + this.pause.toNanos();
			this.skipped = true;
			this.fallbacks.incrementAndGet();
			return Mono.from(this.primary.create());
		});
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.replica.getMetadata();
	}

	/** Whether reads skip the replica now, after a recent failure to connect. */
	boolean skipping() {
		return this.skipped && System.nanoTime() - this.skipUntil < 0;
	}

	/** Read connections taken from the primary because the replica failed. */
	long fallbacks() {
		return this.fallbacks.get();
	}

}
