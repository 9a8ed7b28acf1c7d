package org.gridmap.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives Spring's R2DBC and Flyway (JDBC) connection properties from the single
 * {@code gridmap.database-url} setting, so that deployers name the database once.
 */
class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "gridmap.database-url";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String value = environment.getProperty(PROPERTY);
		if (value == null || value.isBlank()) {
			return;
		}
		DatabaseUrl url = DatabaseUrl.parse(value);
		Map<String, Object> derived = new LinkedHashMap<>();
		derived.put("spring.r2dbc.url", url.r2dbcUrl());
		derived.put("spring.flyway.url", url.jdbcUrl());
		if (url.user() != null) {
			derived.put("spring.r2dbc.username", url.user());
			derived.put("spring.flyway.user", url.user());
		}
		if (url.password() != null) {
			derived.put("spring.r2dbc.password", url.password());
			derived.put("spring.flyway.password", url.password());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("gridmapDatabaseUrl", derived));
	}

	@Override
	public int getOrder() {
		// After the config files are read (ConfigDataEnvironmentPostProcessor), so that
		// application.properties and test properties can set gridmap.database-url.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
