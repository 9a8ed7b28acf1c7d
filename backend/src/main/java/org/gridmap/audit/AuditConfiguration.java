package org.gridmap.audit;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The service's {@link DatabaseClient} and transaction manager (in place of Spring
 * Boot's, which back off) over one {@link ActorConnectionFactory} around the primary
 * pool, so that every write through either names its actor. The pool itself stays the
 * {@link ConnectionFactory} bean: the LISTEN connections and the read pool's fallback
 * take it as it is.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	/**
	 * Held, not a bean of its own: a second {@link ConnectionFactory} bean would make
	 * every injection of the pool ambiguous.
	 */
	record Writers(ActorConnectionFactory connections) {
	}

	@Bean
	Writers auditedWriters(ConnectionFactory pool) {
		return new Writers(new ActorConnectionFactory(pool));
	}

	@Bean
	DatabaseClient databaseClient(Writers writers) {
		return DatabaseClient.builder().connectionFactory(writers.connections()).build();
	}

	@Bean
	R2dbcTransactionManager transactionManager(Writers writers) {
		return new R2dbcTransactionManager(writers.connections());
	}

}
