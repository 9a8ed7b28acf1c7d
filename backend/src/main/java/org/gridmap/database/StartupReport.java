package org.gridmap.database;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Says at start-up which database the service uses (never the password) and what it
 * holds, so that a deployer sees at once whether the demo district or real data is being
 * served.
 */
@Component
class StartupReport {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final DatabaseClient db;

	private final String databaseUrl;

	StartupReport(DatabaseClient db, @Value("${gridmap.database-url}") String databaseUrl) {
		this.db = db;
		this.databaseUrl = databaseUrl;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		this.db
			.sql("SELECT (SELECT count(*) FROM grid WHERE valid_to = 'infinity') AS grids, "
					+ "(SELECT count(*) FROM address) AS addresses, postgis_lib_version() AS postgis")
			.map((row, meta) -> String.format("%d live grids, %d addresses, PostGIS %s", row.get("grids", Long.class),
					row.get("addresses", Long.class), row.get("postgis", String.class)))
			.one()
			.subscribe(
					(summary) -> logger
						.info("Database " + DatabaseUrl.parse(this.databaseUrl).redacted() + ": " + summary),
					(ex) -> logger.warn("Database " + DatabaseUrl.parse(this.databaseUrl).redacted()
							+ " could not be read at start-up: " + ex.getMessage()));
	}

}
