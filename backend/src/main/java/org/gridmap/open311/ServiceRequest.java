package org.gridmap.open311;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One incident as a public GeoReport service request: what {@code requests.sql} reads,
 * which is already limited to what may be published.
 *
 * @param lon the snapped public point, never the reported one
 * @param lastAction the latest timeline step (an action name, no actor or note)
 */
record ServiceRequest(long id, String trackingCode, String status, String rejectReason, Long duplicateOf,
		String serviceCode, String serviceName, String agency, OffsetDateTime requested, OffsetDateTime updated,
		OffsetDateTime expected, double lon, double lat, String lastAction, OffsetDateTime lastAt) {

	/** GeoReport knows two states; rejected reports are finished, so closed. */
	String openOrClosed() {
		return ("closed".equals(this.status) || "rejected".equals(this.status)) ? "closed" : "open";
	}

	/** Our state in the loop and the latest step, in words a resident can follow. */
	String statusNotes(ZoneId zone) {
		StringBuilder notes = new StringBuilder(this.status).append(": ").append(switch (this.status) {
			case "reported" -> "received, waiting to be registered";
			case "registered" -> "registered, waiting to be dispatched";
			case "dispatched" -> "dispatched to " + this.agency;
			case "handling" -> this.agency + " is handling it";
			case "handled" -> "handled, waiting for the grid worker to check on site";
			case "verified" -> "checked on site, about to be closed";
			case "closed" -> "closed";
			case "rejected" ->
				"rejected"
						+ ((this.rejectReason != null)
								? " (" + this.rejectReason.replace('_', ' ')
										+ ((this.duplicateOf != null) ? " of request " + this.duplicateOf : "") + ")"
								: "");
			default -> this.status;
		});
		if (this.lastAction != null && this.lastAt != null) {
			notes.append("; last step: ").append(this.lastAction).append(" at ").append(time(this.lastAt, zone));
		}
		return notes.toString();
	}

	Map<String, Object> fields(ZoneId zone) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("service_request_id", String.valueOf(this.id));
		fields.put("status", openOrClosed());
		fields.put("status_notes", statusNotes(zone));
		fields.put("service_name", this.serviceName);
		fields.put("service_code", this.serviceCode);
		fields.put("agency_responsible", this.agency);
		fields.put("service_notice", this.trackingCode);
		fields.put("requested_datetime", time(this.requested, zone));
		fields.put("updated_datetime", time(this.updated, zone));
		fields.put("expected_datetime", time(this.expected, zone));
		fields.put("lat", this.lat);
		fields.put("long", this.lon);
		return fields;
	}

	/** ISO 8601 with the district's offset, to the second, as GeoReport asks. */
	static String time(OffsetDateTime instant, ZoneId zone) {
		if (instant == null) {
			return null;
		}
		return instant.atZoneSameInstant(zone)
			.toOffsetDateTime()
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

}
