package org.gridmap.incident;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.gridmap.geo.AsOf;

import org.springframework.util.MultiValueMap;

/**
 * A checked {@code GET /api/v1/incidents} query. Without {@code from}/{@code to} it
 * covers the last 90 days, the dispatcher's working window.
 */
record IncidentFilter(Long id, OffsetDateTime from, OffsetDateTime to, String[] statuses, String[] matters,
		String[] departments, String grid, String street, String deadlineState, double[] bbox, int limit, long offset) {

	static final int DEFAULT_LIMIT = 1000;

	static final int MAX_LIMIT = 10_000;

	static final int DEFAULT_DAYS = 90;

	static final Set<String> STATUSES = Set.of("reported", "registered", "rejected", "dispatched", "handling",
			"handled", "verified", "closed");

	static final Set<String> DEADLINE_STATES = Set.of("on_time", "due_soon", "overdue", "met", "missed");

	private static final Set<String> PARAMETERS = Set.of("status", "matter", "department", "grid", "street", "from",
			"to", "deadline", "bbox", "limit", "offset");

	static IncidentFilter one(long id) {
		return new IncidentFilter(id, null, null, null, null, null, null, null, null, null, 1, 0);
	}

	static IncidentFilter of(MultiValueMap<String, String> params, ZoneId zone) {
		for (String name : params.keySet()) {
			if (!PARAMETERS.contains(name)) {
				throw IncidentProblem.invalid(name, "Unknown query parameter '" + IncidentProblem.abbreviate(name)
						+ "'; this endpoint takes " + String.join(", ", PARAMETERS.stream().sorted().toList()));
			}
		}
		OffsetDateTime to = instant(params, "to", zone);
		OffsetDateTime from = instant(params, "from", zone);
		if (from == null && to == null) {
			from = OffsetDateTime.now().minusDays(DEFAULT_DAYS);
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw IncidentProblem.invalid("from", "'from' must be before 'to'");
		}
		String[] statuses = list(params, "status", STATUSES);
		String deadline = params.getFirst("deadline");
		if (deadline != null && !DEADLINE_STATES.contains(deadline)) {
			throw IncidentProblem.invalid("deadline",
					"'deadline' must be one of " + String.join(", ", DEADLINE_STATES.stream().sorted().toList()));
		}
		return new IncidentFilter(null, from, to, statuses, list(params, "matter", null),
				list(params, "department", null), code(params, "grid", 15), code(params, "street", 9), deadline,
				bbox(params.getFirst("bbox")), (int) number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
				number(params, "offset", 0, 0, Long.MAX_VALUE / 2));
	}

	private static OffsetDateTime instant(MultiValueMap<String, String> params, String name, ZoneId zone) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return AsOf.parse(value, zone);
		}
		catch (IllegalArgumentException ex) {
			throw IncidentProblem.invalid(name, ex.getMessage());
		}
	}

	private static String[] list(MultiValueMap<String, String> params, String name, Set<String> allowed) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		String[] items = Arrays.stream(value.split(","))
			.map(String::strip)
			.filter((s) -> !s.isEmpty())
			.toArray(String[]::new);
		for (String item : items) {
			if ((allowed != null && !allowed.contains(item)) || !item.matches("^[a-z0-9_-]{1,40}$")) {
				throw IncidentProblem.invalid(name,
						"'" + name + "' has an unknown value '" + IncidentProblem.abbreviate(item) + "'"
								+ ((allowed != null)
										? "; values: " + String.join(", ", allowed.stream().sorted().toList()) : ""));
			}
		}
		return items;
	}

	private static String code(MultiValueMap<String, String> params, String name, int digits) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.matches("^[0-9]{" + digits + "}$")) {
			throw IncidentProblem.invalid(name, "'" + name + "' must be a " + digits + "-digit code");
		}
		return value;
	}

	private static long number(MultiValueMap<String, String> params, String name, long fallback, long min, long max) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			long number = Long.parseLong(value.strip());
			if (number < min) {
				throw IncidentProblem.invalid(name, "'" + name + "' must be at least " + min);
			}
			return Math.min(number, max);
		}
		catch (NumberFormatException ex) {
			throw IncidentProblem.invalid(name, "'" + name + "' must be a whole number");
		}
	}

	private static double[] bbox(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String[] parts = value.split(",");
		if (parts.length != 4) {
			throw IncidentProblem.invalid("bbox", "'bbox' takes minx,miny,maxx,maxy in WGS 84");
		}
		double[] box = new double[4];
		for (int i = 0; i < 4; i++) {
			try {
				box[i] = org.gridmap.geo.Coordinates.decimal(parts[i]);
			}
			catch (NumberFormatException ex) {
				throw IncidentProblem.invalid("bbox", "'bbox' must hold numbers");
			}
			if (!Double.isFinite(box[i]) || Math.abs(box[i]) > ((i % 2 == 0) ? 180 : 90)) {
				throw IncidentProblem.invalid("bbox", "'bbox' is outside the range of longitudes and latitudes");
			}
		}
		if (box[0] > box[2] || box[1] > box[3]) {
			throw IncidentProblem.invalid("bbox", "'bbox' must be minx,miny,maxx,maxy with min ≤ max");
		}
		return box;
	}

	List<String> statusList() {
		return (this.statuses != null) ? List.of(this.statuses) : List.of();
	}

}
