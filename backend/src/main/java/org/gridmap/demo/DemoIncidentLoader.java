package org.gridmap.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.gridmap.demodistrict.DemoDistrict;
import org.gridmap.demodistrict.DemoDistrictGenerator;
import org.gridmap.demodistrict.DemoIncident;
import org.gridmap.demodistrict.IncidentGenerator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the demo year of incidents, on the caller's connection and in its transaction.
 * Incidents and their events go through {@code COPY} into temporary staging tables; the
 * incidents then get their identity ids, geometry and public point in one
 * {@code INSERT … SELECT}, and the events find their incident through the tracking code.
 * The notify trigger is off during the load (one notification per event would be tens of
 * thousands of messages nobody listens to) and back on before the transaction ends.
 */
final class DemoIncidentLoader {

	private static final Log logger = LogFactory.getLog(DemoIncidentLoader.class);

	private static final String CREATE_INCIDENT_STAGE = "CREATE TEMP TABLE demo_incident_stage ("
			+ "tracking_code text, matter_code text, department_code text, description text, address text, "
			+ "channel text, status text, reported_at timestamptz, deadline timestamptz, closed_at timestamptz, "
			+ "updated_at timestamptz, version integer, grid_code text, community_code text, street_code text, "
			+ "assigned_worker text, lon double precision, lat double precision, reporter_name text, "
			+ "reporter_phone text, reject_reason text, satisfaction smallint) ON COMMIT DROP";

	private static final String CREATE_EVENT_STAGE = "CREATE TEMP TABLE demo_incident_event_stage ("
			+ "tracking_code text, seq integer, at timestamptz, action text, from_status text, to_status text, "
			+ "actor text, actor_role text, note text) ON COMMIT DROP";

	private static final String INSERT_INCIDENTS = "INSERT INTO incident (tracking_code, matter_code, "
			+ "department_code, description, address, channel, status, reported_at, deadline, closed_at, updated_at, "
			+ "version, grid_code, community_code, street_code, assigned_worker, geom, public_geom, reporter_name, "
			+ "reporter_phone, reject_reason, satisfaction) "
			+ "SELECT tracking_code, matter_code, department_code, description, address, channel, status, "
			+ "reported_at, deadline, closed_at, updated_at, version, grid_code, community_code, street_code, "
			+ "assigned_worker, point, gridmap_public_point(point), reporter_name, reporter_phone, reject_reason, "
			+ "satisfaction FROM (SELECT s.*, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS point "
			+ "FROM demo_incident_stage s) staged ORDER BY reported_at, tracking_code";

	/**
	 * The monthly partitions of incident for the demo year (V10), so that its rows land
	 * in their months rather than in the default partition.
	 */
	private static final String ENSURE_PARTITIONS = "SELECT gridmap_ensure_incident_partitions(min(reported_at), "
			+ "max(reported_at)) FROM demo_incident_stage";

	private static final String INSERT_EVENTS = "INSERT INTO incident_event (incident_id, at, action, from_status, "
			+ "to_status, actor, actor_role, note) SELECT i.id, e.at, e.action, e.from_status, e.to_status, e.actor, "
			+ "e.actor_role, e.note FROM demo_incident_event_stage e JOIN incident i USING (tracking_code) "
			+ "ORDER BY i.id, e.seq";

	private DemoIncidentLoader() {
	}

	/**
	 * Generates the demo year ending {@link IncidentGenerator#DEFAULT_END} and inserts
	 * it.
	 * @return the number of incidents loaded
	 */
	static int load(Connection connection, DemoDistrict district) throws SQLException, IOException {
		long start = System.nanoTime();
		List<DemoIncident> incidents = IncidentGenerator.generate(district, DemoDistrictGenerator.DEFAULT_SEED,
				IncidentGenerator.DEFAULT_END);
		long generated = System.nanoTime();
		int events;
		try (Statement statement = connection.createStatement()) {
			statement.execute(CREATE_INCIDENT_STAGE);
			statement.execute(CREATE_EVENT_STAGE);
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("COPY demo_incident_stage FROM STDIN", new StringReader(incidentRows(incidents)));
			copy.copyIn("COPY demo_incident_event_stage FROM STDIN", new StringReader(eventRows(incidents)));
			statement.execute(ENSURE_PARTITIONS);
			statement.executeUpdate(INSERT_INCIDENTS);
			// A year of history is not news: the notify trigger stays quiet for this
			// transaction.
			statement.execute("SELECT set_config('gridmap.bulk', 'on', true)");
			events = statement.executeUpdate(INSERT_EVENTS);
			statement.execute("SELECT set_config('gridmap.bulk', 'off', true)");
			statement.execute("DROP TABLE demo_incident_stage, demo_incident_event_stage");
			statement.execute("ANALYZE incident");
			statement.execute("ANALYZE incident_event");
		}
		logger.info(String.format("Loaded %d demo incidents with %d events (generated in %.1f s, stored in %.1f s)",
				incidents.size(), events, (generated - start) / 1e9, (System.nanoTime() - generated) / 1e9));
		return incidents.size();
	}

	private static String incidentRows(List<DemoIncident> incidents) {
		StringBuilder rows = new StringBuilder(incidents.size() * 400);
		for (DemoIncident incident : incidents) {
			List<DemoIncident.Event> events = incident.events();
			DemoDataLoader.field(rows, incident.trackingCode()).append('\t');
			DemoDataLoader.field(rows, incident.matterCode()).append('\t');
			DemoDataLoader.field(rows, incident.departmentCode()).append('\t');
			DemoDataLoader.field(rows, incident.description()).append('\t');
			DemoDataLoader.field(rows, incident.address()).append('\t');
			DemoDataLoader.field(rows, incident.channel()).append('\t');
			DemoDataLoader.field(rows, incident.status()).append('\t');
			instant(rows, incident.reportedAt()).append('\t');
			instant(rows, incident.deadline()).append('\t');
			instant(rows, incident.closedAt()).append('\t');
			instant(rows, events.get(events.size() - 1).at()).append('\t');
			rows.append(events.size()).append('\t');
			DemoDataLoader.field(rows, incident.gridCode()).append('\t');
			DemoDataLoader.field(rows, incident.communityCode()).append('\t');
			DemoDataLoader.field(rows, incident.streetCode()).append('\t');
			DemoDataLoader.field(rows, incident.assignedWorker()).append('\t');
			rows.append(incident.lon()).append('\t');
			rows.append(incident.lat()).append('\t');
			DemoDataLoader.field(rows, incident.reporterName()).append('\t');
			DemoDataLoader.field(rows, incident.reporterPhone()).append('\t');
			DemoDataLoader.field(rows, incident.rejectReason()).append('\t');
			rows.append((incident.satisfaction() != null) ? incident.satisfaction().toString() : "\\N").append('\n');
		}
		return rows.toString();
	}

	private static String eventRows(List<DemoIncident> incidents) {
		StringBuilder rows = new StringBuilder(incidents.size() * 8 * 120);
		for (DemoIncident incident : incidents) {
			int seq = 0;
			for (DemoIncident.Event event : incident.events()) {
				DemoDataLoader.field(rows, incident.trackingCode()).append('\t');
				rows.append(++seq).append('\t');
				instant(rows, event.at()).append('\t');
				DemoDataLoader.field(rows, event.action()).append('\t');
				DemoDataLoader.field(rows, event.fromStatus()).append('\t');
				DemoDataLoader.field(rows, event.toStatus()).append('\t');
				DemoDataLoader.field(rows, event.actor()).append('\t');
				DemoDataLoader.field(rows, event.actorRole()).append('\t');
				DemoDataLoader.field(rows, event.note()).append('\n');
			}
		}
		return rows.toString();
	}

	/**
	 * ISO 8601 in UTC, which {@code timestamptz} reads whatever the session time zone.
	 */
	private static StringBuilder instant(StringBuilder rows, Instant instant) {
		return (instant != null) ? rows.append(instant) : rows.append("\\N");
	}

}
