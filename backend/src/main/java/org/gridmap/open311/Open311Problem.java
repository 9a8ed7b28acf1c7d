package org.gridmap.open311;

import java.util.Map;

import org.gridmap.incident.IncidentProblem;
import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong serving an Open311 request, named in GeoReport's field names. */
class Open311Problem extends GridmapProblem {

	/** Intake's field names, as an Open311 client knows them. */
	private static final Map<String, String> FIELDS = Map.of("matter", "service_code", "lon", "long", "lat", "lat",
			"description", "description", "address", "address_string", "reporterName", "first_name", "reporterPhone",
			"phone", "reporterEmail", "email");

	private Open311Problem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static Open311Problem invalid(String parameter, String detail) {
		Open311Problem problem = new Open311Problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static Open311Problem forbidden() {
		Open311Problem problem = new Open311Problem(HttpStatus.FORBIDDEN, "invalid-api-key", "Invalid API key",
				"Posting a service request needs a valid 'api_key'; ask the district's Gridmap operators for one.");
		problem.with("parameter", "api_key");
		return problem;
	}

	static Open311Problem unknownService(String code) {
		return new Open311Problem(HttpStatus.NOT_FOUND, "no-such-service", "No such service",
				"There is no service '" + abbreviate(code) + "'; see /open311/v2/services.json.");
	}

	static Open311Problem unknownRequest(String id) {
		return new Open311Problem(HttpStatus.NOT_FOUND, "no-such-request", "No such service request",
				"There is no service request '" + abbreviate(id) + "'.");
	}

	static Open311Problem unknownFormat(String format) {
		return new Open311Problem(HttpStatus.NOT_FOUND, "unsupported-format", "Unsupported format",
				"Open311 resources end in .json or .xml, not '." + abbreviate(format) + "'.");
	}

	/**
	 * The intake's 400 for a field, renamed to the GeoReport field the client sent;
	 * anything else passes unchanged.
	 */
	static Throwable fromIntake(Throwable ex) {
		if (!(ex instanceof IncidentProblem problem) || problem.getStatusCode().value() != 400
				|| problem.getBody().getProperties() == null
				|| !(problem.getBody().getProperties().get("parameter") instanceof String parameter)
				|| !FIELDS.containsKey(parameter)) {
			return ex;
		}
		String field = FIELDS.get(parameter);
		String detail = String.valueOf(problem.getBody().getDetail());
		if ("matter".equals(parameter)) {
			detail = detail.startsWith("Unknown") ? "Unknown 'service_code'; see /open311/v2/services.json"
					: "'service_code' must be a service code from /open311/v2/services.json";
		}
		else {
			detail = detail.replace("'" + parameter + "'", "'" + field + "'");
		}
		return invalid(field, detail);
	}

	static String abbreviate(String value) {
		return (value == null || value.length() <= 60) ? String.valueOf(value) : value.substring(0, 60) + "…";
	}

}
