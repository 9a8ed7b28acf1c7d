package org.gridmap.database;

import java.util.LinkedHashMap;
import java.util.Map;

import io.r2dbc.pool.ConnectionPool;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * Where the reads go that may lag the primary by a moment: the map and analytics reads
 * (past lookups, {@code /ogc} items, tiles, hotspots, assessment, address search, the
 * dispatcher's list). With {@code GRIDMAP_READ_DATABASE_URL} set, that is a second R2DBC
 * pool on a streaming replica, falling back to the primary while the replica cannot be
 * reached; unset, it is the primary pool itself and nothing changes.
 *
 * <p>
 * A feature asks for this instead of the {@link DatabaseClient} only for statements that
 * neither write nor need to see the caller's own write at once: anything after a write (a
 * report's receipt, an action's result, its detail, the tracking code, the stream's
 * enrichment on NOTIFY) and everything a plan or the grid index reads stays on the
 * primary. The read pool's sessions are read-only
 * ({@code default_transaction_read_only}), so a write routed here by mistake fails loudly
 * even when the URL names a primary.
 */
public final class ReadDatabase {

	private final DatabaseClient client;

	private final ReactiveTransactionManager transactions;

	private final DatabaseUrl replicaUrl;

	private final ReplicaFirstConnectionFactory connections;

	private final ConnectionPool pool;

	private ReadDatabase(DatabaseClient client, ReactiveTransactionManager transactions, DatabaseUrl replicaUrl,
			ReplicaFirstConnectionFactory connections, ConnectionPool pool) {
		this.client = client;
		this.transactions = transactions;
		this.replicaUrl = replicaUrl;
		this.connections = connections;
		this.pool = pool;
	}

	/** No replica configured: reads use the primary's client and transactions. */
	static ReadDatabase primary(DatabaseClient client, ReactiveTransactionManager transactions) {
		return new ReadDatabase(client, transactions, null, null, null);
	}

	static ReadDatabase replica(DatabaseClient client, ReactiveTransactionManager transactions, DatabaseUrl url,
			ReplicaFirstConnectionFactory connections, ConnectionPool pool) {
		return new ReadDatabase(client, transactions, url, connections, pool);
	}

	/** The client for lag-tolerant reads. */
	public DatabaseClient client() {
		return this.client;
	}

	/**
	 * Transactions on the read connections (read-only snapshots across several
	 * statements).
	 */
	public ReactiveTransactionManager transactions() {
		return this.transactions;
	}

	/** Whether a replica is configured. */
	public boolean replica() {
		return this.replicaUrl != null;
	}

	/**
	 * For {@code /actuator/info}: where reads go (the replica's address only in the log).
	 */
	public Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("reads", replica() ? "replica" : "primary");
		if (replica()) {
			out.put("fallbacksToPrimary", this.connections.fallbacks());
			out.put("replicaSkippedNow", this.connections.skipping());
		}
		return out;
	}

	/** Closes the replica pool at shutdown (the primary pool is Spring Boot's). */
	void dispose() {
		if (this.pool != null) {
			this.pool.dispose();
		}
	}

}
