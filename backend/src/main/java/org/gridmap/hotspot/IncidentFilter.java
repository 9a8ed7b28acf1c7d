package org.gridmap.hotspot;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.gridmap.geo.AsOf;
import org.gridmap.geo.JsonText;
import org.gridmap.problem.BadRequestProblem;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.util.MultiValueMap;

/**
 * Which incidents an aggregate counts: reported in {@code [from, to)} (default: the 365
 * days up to now), optionally only some matters and statuses. Read from the query
 * parameters {@code from}, {@code to}, {@code matter} and {@code status} of the hotspot
 * cells, the hotspot tiles and the grid rates alike, and bound as {@code :from},
 * {@code :to}, {@code :matters} and {@code :statuses} ({@code NULL}: all).
 */
record IncidentFilter(OffsetDateTime from, OffsetDateTime to, String[] matters, String[] statuses) {

	static final List<String> PARAMETERS = List.of("from", "to", "matter", "status");

	static final int DEFAULT_DAYS = 365;

	static IncidentFilter parse(MultiValueMap<String, String> params, ZoneId zone) {
		OffsetDateTime to = instant(params, "to", zone);
		OffsetDateTime from = instant(params, "from", zone);
		to = (to != null) ? to : OffsetDateTime.now();
		from = (from != null) ? from : to.minusDays(DEFAULT_DAYS);
		if (!from.isBefore(to)) {
			throw new BadRequestProblem("from", "'from' must be before 'to'");
		}
		return new IncidentFilter(from, to, codes(params, "matter"), codes(params, "status"));
	}

	/** Refuses a parameter that is none of {@code allowed}, naming the ones there are. */
	static void onlyKnown(MultiValueMap<String, String> params, Collection<String> allowed) {
		for (String name : params.keySet()) {
			if (!allowed.contains(name)) {
				throw new BadRequestProblem(name, "Unknown query parameter '" + abbreviate(name)
						+ "'; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()));
			}
		}
	}

	GenericExecuteSpec bind(GenericExecuteSpec spec) {
		spec = spec.bind("from", this.from).bind("to", this.to);
		spec = (this.matters != null) ? spec.bind("matters", this.matters) : spec.bindNull("matters", String[].class);
		return (this.statuses != null) ? spec.bind("statuses", this.statuses)
				: spec.bindNull("statuses", String[].class);
	}

	/** The window as JSON members: {@code "from":"…","to":"…"}. */
	String windowJson() {
		return "\"from\":" + JsonText.quote(AsOf.format(this.from)) + ",\"to\":" + JsonText.quote(AsOf.format(this.to));
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
			throw new BadRequestProblem(name, ex.getMessage());
		}
	}

	private static String[] codes(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		String[] items = Arrays.stream(value.split(","))
			.map(String::strip)
			.filter((s) -> !s.isEmpty())
			.toArray(String[]::new);
		for (String item : items) {
			if (!item.matches("^[a-z0-9_-]{1,40}$")) {
				throw new BadRequestProblem(name,
						"'" + name + "' takes codes such as blocked-drain, separated by commas");
			}
		}
		return (items.length > 0) ? items : null;
	}

	static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
