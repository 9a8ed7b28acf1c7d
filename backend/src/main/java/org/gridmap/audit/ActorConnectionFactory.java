package org.gridmap.audit;

import java.time.Duration;
import java.util.Optional;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The primary pool as the service's writers see it: a connection taken for a request that
 * carries an {@link AuditRequest} in its Reactor context gets the session settings
 * {@code gridmap.actor}, {@code gridmap.request} and {@code gridmap.request_id} (one
 * statement) before the request uses it, and has them cleared (one statement) before it
 * goes back to the pool, so that the audit triggers name who wrote and no other request
 * ever inherits the name. A connection taken without one (reads, system jobs, the
 * listeners) is the pool's own, untouched: no extra statement.
 *
 * <p>
 * If clearing fails the connection is in doubt: it is rolled back and cleared once more,
 * and if that fails too it is closed without the settings being trusted (the pool
 * discards broken connections when it validates them).
 */
final class ActorConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

	private static final Log logger = LogFactory.getLog(ActorConnectionFactory.class);

	static final String SET = "SELECT set_config('gridmap.actor', $1, false), set_config('gridmap.request', $2, false),"
			+ " set_config('gridmap.request_id', $3, false)";

	static final String CLEAR = "SELECT set_config('gridmap.actor', '', false), set_config('gridmap.request', '', false),"
			+ " set_config('gridmap.request_id', '', false)";

	private final ConnectionFactory pool;

	ActorConnectionFactory(ConnectionFactory pool) {
		this.pool = pool;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.deferContextual((context) -> {
			Optional<AuditRequest> request = context.getOrEmpty(AuditRequest.class);
			if (request.isEmpty()) {
				return Mono.from(this.pool.create());
			}
			return Mono.from(this.pool.create())
				.flatMap((connection) -> run(connection, SET, request.get()).thenReturn(new ActorConnection(connection))
					.onErrorResume((ex) -> Mono.from(connection.close()).then(Mono.error(ex))));
		});
	}

	private static Mono<Void> run(Connection connection, String sql, AuditRequest request) {
		Statement statement = connection.createStatement(sql);
		if (request != null) {
			statement.bind("$1", request.actor()).bind("$2", request.request()).bind("$3", request.requestId());
		}
		return Flux.from(statement.execute()).concatMap((result) -> result.map((row, meta) -> 1)).then();
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.pool.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.pool;
	}

	/** A pooled connection whose close clears the settings first. */
	static final class ActorConnection implements Connection, Wrapped<Connection> {

		private final Connection delegate;

		ActorConnection(Connection delegate) {
			this.delegate = delegate;
		}

		@Override
		public Publisher<Void> close() {
			return run(this.delegate, CLEAR, null)
				.onErrorResume((first) -> Mono.from(this.delegate.rollbackTransaction())
					.then(run(this.delegate, CLEAR, null))
					.onErrorResume((second) -> {
						logger.warn("Could not clear the audit actor on a connection before releasing it: "
								+ second.getMessage());
						return Mono.empty();
					}))
				.then(Mono.from(this.delegate.close()));
		}

		@Override
		public Connection unwrap() {
			return this.delegate;
		}

		@Override
		public Publisher<Void> beginTransaction() {
			return this.delegate.beginTransaction();
		}

		@Override
		public Publisher<Void> beginTransaction(TransactionDefinition definition) {
			return this.delegate.beginTransaction(definition);
		}

		@Override
		public Publisher<Void> commitTransaction() {
			return this.delegate.commitTransaction();
		}

		@Override
		public Batch createBatch() {
			return this.delegate.createBatch();
		}

		@Override
		public Publisher<Void> createSavepoint(String name) {
			return this.delegate.createSavepoint(name);
		}

		@Override
		public Statement createStatement(String sql) {
			return this.delegate.createStatement(sql);
		}

		@Override
		public boolean isAutoCommit() {
			return this.delegate.isAutoCommit();
		}

		@Override
		public ConnectionMetadata getMetadata() {
			return this.delegate.getMetadata();
		}

		@Override
		public IsolationLevel getTransactionIsolationLevel() {
			return this.delegate.getTransactionIsolationLevel();
		}

		@Override
		public Publisher<Void> releaseSavepoint(String name) {
			return this.delegate.releaseSavepoint(name);
		}

		@Override
		public Publisher<Void> rollbackTransaction() {
			return this.delegate.rollbackTransaction();
		}

		@Override
		public Publisher<Void> rollbackTransactionToSavepoint(String name) {
			return this.delegate.rollbackTransactionToSavepoint(name);
		}

		@Override
		public Publisher<Void> setAutoCommit(boolean autoCommit) {
			return this.delegate.setAutoCommit(autoCommit);
		}

		@Override
		public Publisher<Void> setLockWaitTimeout(Duration timeout) {
			return this.delegate.setLockWaitTimeout(timeout);
		}

		@Override
		public Publisher<Void> setStatementTimeout(Duration timeout) {
			return this.delegate.setStatementTimeout(timeout);
		}

		@Override
		public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
			return this.delegate.setTransactionIsolationLevel(level);
		}

		@Override
		public Publisher<Boolean> validate(ValidationDepth depth) {
			return this.delegate.validate(depth);
		}

	}

}
