package org.gridmap.open311;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.gridmap.geo.AsOf;

import org.springframework.util.MultiValueMap;

/**
 * A checked GeoReport {@code GET requests} query. {@code service_request_id} overrides
 * every other filter. Without dates it covers the last 90 days; with only
 * {@code end_date}, the 90 days before it; with only {@code start_date}, everything
 * since. Other parameters ({@code jurisdiction_id}, {@code api_key} …) are ignored, as
 * clients send them routinely.
 *
 * @param closed null for both states
 */
record RequestsQuery(Long[] ids, String[] serviceCodes, OffsetDateTime from, OffsetDateTime to, Boolean closed) {

	static final int MAX_RESULTS = 1000;

	static final int DEFAULT_DAYS = 90;

	static RequestsQuery one(long id) {
		return new RequestsQuery(new Long[] { id }, null, OffsetDateTime.now(), null, null);
	}

	static RequestsQuery of(MultiValueMap<String, String> params, ZoneId zone) {
		String[] ids = list(params, "service_request_id");
		Long[] numbers = null;
		if (ids != null) {
			numbers = new Long[ids.length];
			for (int i = 0; i < ids.length; i++) {
				if (!ids[i].matches("^\\d{1,18}$")) {
					throw Open311Problem.invalid("service_request_id",
							"'service_request_id' holds request ids separated by commas, got '"
									+ Open311Problem.abbreviate(ids[i]) + "'");
				}
				numbers[i] = Long.parseLong(ids[i]);
			}
		}
		OffsetDateTime from = date(params, "start_date", zone);
		OffsetDateTime to = date(params, "end_date", zone);
		if (from != null && to != null && from.isAfter(to)) {
			throw Open311Problem.invalid("start_date", "'start_date' must not be after 'end_date'");
		}
		if (from == null) {
			from = ((to != null) ? to : OffsetDateTime.now()).minusDays(DEFAULT_DAYS);
		}
		return new RequestsQuery(numbers, list(params, "service_code"), from, to, closed(params));
	}

	private static Boolean closed(MultiValueMap<String, String> params) {
		String[] states = list(params, "status");
		if (states == null) {
			return null;
		}
		Set<String> wanted = new LinkedHashSet<>(Arrays.asList(states));
		if (!Set.of("open", "closed").containsAll(wanted)) {
			throw Open311Problem.invalid("status", "'status' must be open, closed or both separated by a comma");
		}
		return (wanted.size() == 2) ? null : wanted.contains("closed");
	}

	private static OffsetDateTime date(MultiValueMap<String, String> params, String name, ZoneId zone) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return AsOf.parse(value, zone);
		}
		catch (IllegalArgumentException ex) {
			throw Open311Problem.invalid(name, "'" + name + "': " + ex.getMessage());
		}
	}

	/**
	 * A comma list (or repeated parameter), trimmed, without blanks; null when absent.
	 */
	private static String[] list(MultiValueMap<String, String> params, String name) {
		if (params.get(name) == null) {
			return null;
		}
		String[] values = params.get(name)
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter((value) -> !value.isEmpty())
			.distinct()
			.toArray(String[]::new);
		return (values.length > 0) ? values : null;
	}

}
