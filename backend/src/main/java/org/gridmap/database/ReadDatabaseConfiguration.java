package org.gridmap.database;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * The one place where the read pool is made: {@code GRIDMAP_READ_DATABASE_URL} (property
 * {@code gridmap.read-database-url}) names a streaming replica; its pool takes the
 * primary's pool sizes, timeouts and session settings, the primary's user and password
 * when the URL has none, and two settings of its own: {@code application_name =
 * gridmap-read} (to tell the pools apart in {@code pg_stat_activity}) and
 * {@code default_transaction_read_only = on}. Neither pool is a {@link ConnectionFactory}
 * bean: Spring Boot's primary pool, the listeners and every writer keep the one they
 * have.
 */
@Configuration(proxyBeanMethods = false)
class ReadDatabaseConfiguration {

	private static final Log logger = LogFactory.getLog(ReadDatabaseConfiguration.class);

	static final String SETTING = "GRIDMAP_READ_DATABASE_URL";

	static final String APPLICATION_NAME = "gridmap-read";

	private static final Option<String> OPTIONS = Option.valueOf("options");

	@Bean(destroyMethod = "dispose")
	ReadDatabase readDatabase(@Value("${gridmap.read-database-url:}") String url, ConnectionFactory primary,
			DatabaseClient primaryClient, ReactiveTransactionManager primaryTransactions, R2dbcProperties settings,
			ObjectProvider<ConnectionFactoryOptionsBuilderCustomizer> customizers) {
		if (url == null || url.isBlank()) {
			return ReadDatabase.primary(primaryClient, primaryTransactions);
		}
		DatabaseUrl replicaUrl = DatabaseUrl.parse(url, SETTING);
		ConnectionPool pool = pool(replicaUrl, settings, customizers.orderedStream().toList());
		ReplicaFirstConnectionFactory connections = new ReplicaFirstConnectionFactory(pool, primary,
				ReplicaFirstConnectionFactory.PAUSE);
		logger.info("Lag-tolerant reads go to " + replicaUrl.redacted() + " (primary while it cannot be reached)");
		return ReadDatabase.replica(DatabaseClient.create(connections), new R2dbcTransactionManager(connections),
				replicaUrl, connections, pool);
	}

	@Bean
	InfoContributor readDatabaseInfo(ReadDatabase read) {
		return (builder) -> builder.withDetail("readDatabase", read.describe());
	}

	static ConnectionPool pool(DatabaseUrl url, R2dbcProperties settings) {
		return pool(url, settings, List.of());
	}

	/**
	 * The replica's pool. The customizers are the ones Spring Boot applies to the
	 * primary's options (driver extensions such as the OGC pages' raw UTF-8 codec), so
	 * that a read answers the same on either pool.
	 */
	static ConnectionPool pool(DatabaseUrl url, R2dbcProperties settings,
			List<ConnectionFactoryOptionsBuilderCustomizer> customizers) {
		ConnectionFactoryOptions parsed = ConnectionFactoryOptions.parse(url.r2dbcUrl());
		ConnectionFactoryOptions.Builder options = parsed.mutate();
		String user = (url.user() != null) ? url.user() : settings.getUsername();
		String password = (url.user() != null) ? url.password() : settings.getPassword();
		if (user != null) {
			options.option(ConnectionFactoryOptions.USER, user);
		}
		if (password != null) {
			options.option(ConnectionFactoryOptions.PASSWORD, password);
		}
		// The primary's driver settings (statement cache, session options), unless the
		// URL's query sets them itself; and read-only sessions in any case.
		Map<String, String> driver = new LinkedHashMap<>(settings.getProperties());
		driver.putIfAbsent("applicationName", APPLICATION_NAME);
		driver.forEach((name, value) -> {
			Option<Object> option = Option.valueOf(name);
			if (!parsed.hasOption(option)) {
				options.option(option, value);
			}
		});
		Object session = parsed.hasOption(OPTIONS) ? parsed.getValue(OPTIONS) : driver.get("options");
		String given = (session == null || session.toString().isBlank()) ? "" : session + ";";
		options.option(OPTIONS, given + "default_transaction_read_only=on");
		customizers.forEach((customizer) -> customizer.customize(options));
		ConnectionFactory factory = ConnectionFactories.get(options.build());
		R2dbcProperties.Pool limits = settings.getPool();
		ConnectionPoolConfiguration.Builder pool = ConnectionPoolConfiguration.builder(factory)
			.name(APPLICATION_NAME)
			.initialSize(limits.getInitialSize())
			.maxSize(limits.getMaxSize())
			.minIdle(limits.getMinIdle())
			.acquireRetry(limits.getAcquireRetry())
			.validationDepth(limits.getValidationDepth());
		// Unset durations keep the pool's own defaults, as Spring Boot does.
		Optional.ofNullable(limits.getMaxIdleTime()).ifPresent(pool::maxIdleTime);
		Optional.ofNullable(limits.getMaxLifeTime()).ifPresent(pool::maxLifeTime);
		Optional.ofNullable(limits.getMaxValidationTime()).ifPresent(pool::maxValidationTime);
		Optional.ofNullable(limits.getMaxAcquireTime()).ifPresent(pool::maxAcquireTime);
		Optional.ofNullable(limits.getMaxCreateConnectionTime()).ifPresent(pool::maxCreateConnectionTime);
		Optional.ofNullable(limits.getValidationQuery()).ifPresent(pool::validationQuery);
		return new ConnectionPool(pool.build());
	}

}
