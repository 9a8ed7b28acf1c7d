package org.gridmap.station;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.gridmap.geo.Coordinates;
import org.gridmap.geo.InputCrs;
import tools.jackson.databind.JsonNode;

/**
 * The editable fields of a station, checked where they enter: a JSON body of POST (all
 * required fields), PUT (the same, replacing) or PATCH (only the fields given, merged
 * onto the stored ones; an empty text clears an optional field). Points come as
 * {@code lon}, {@code lat} and an optional {@code crs} like the lookup's, and are kept in
 * WGS 84. Every refusal names the field.
 */
record StationFields(String code, String name, String type, String address, String hours, String phone,
		List<String> services, double lon, double lat) {

	static final Pattern CODE = Pattern.compile("^[A-Za-z0-9_-]{1,40}$");

	static final Pattern PHONE = Pattern.compile("^[0-9+() -]{3,30}$");

	static final Set<String> FIELDS = Set.of("code", "name", "type", "address", "hours", "phone", "services", "lon",
			"lat", "crs");

	static final int MAX_SERVICES = 20;

	/** The fields of a new or replacing body; {@code current} is null for a new one. */
	static StationFields full(JsonNode body, Set<String> types, StationFields current) {
		checkObject(body);
		return merge(body, types, current, true);
	}

	/** The stored fields with those the PATCH body gives laid over them. */
	static StationFields patch(JsonNode body, Set<String> types, StationFields current) {
		checkObject(body);
		return merge(body, types, current, false);
	}

	private static void checkObject(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw StationProblem.invalid("body", "The body must be a JSON object with the station's fields");
		}
		for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!FIELDS.contains(name)) {
				throw StationProblem.invalid(name, "Unknown field '" + StationProblem.abbreviate(name)
						+ "'; a station has " + String.join(", ", FIELDS.stream().sorted().toList()));
			}
		}
	}

	private static StationFields merge(JsonNode body, Set<String> types, StationFields current, boolean whole) {
		String code = text(body, "code", 40);
		if (code != null && !CODE.matcher(code).matches()) {
			throw StationProblem.invalid("code", "'code' must be 1 to 40 letters, digits, '_' or '-'");
		}
		if (current != null && code != null && !code.equals(current.code())) {
			throw StationProblem.invalid("code", "A station's code cannot change (it is " + current.code() + ")");
		}
		String name = pick(body, "name", 200, current == null ? null : current.name(), whole);
		if (name == null) {
			throw StationProblem.invalid("name", "'name' is required");
		}
		String type = pick(body, "type", 40, current == null ? null : current.type(), whole);
		if (type == null) {
			throw StationProblem.invalid("type", "'type' is required, one of " + String.join(", ", types));
		}
		if (!types.contains(type)) {
			throw StationProblem.invalid("type", "'type' must be one of " + String.join(", ", types) + ", got '"
					+ StationProblem.abbreviate(type) + "'");
		}
		String address = pick(body, "address", 300, current == null ? null : current.address(), whole);
		String hours = pick(body, "hours", 200, current == null ? null : current.hours(), whole);
		String phone = pick(body, "phone", 30, current == null ? null : current.phone(), whole);
		if (phone != null && !PHONE.matcher(phone).matches()) {
			throw StationProblem.invalid("phone", "'phone' must be 3 to 30 digits, spaces, '+', '-' or brackets");
		}
		List<String> services = (body.has("services") || whole) ? services(body)
				: (current == null ? List.of() : current.services());
		double[] point = point(body, current, whole);
		return new StationFields((current != null) ? current.code() : code, name, type, address, hours, phone, services,
				point[0], point[1]);
	}

	/**
	 * The field from the body when given (blank: cleared), else the stored value on
	 * PATCH.
	 */
	private static String pick(JsonNode body, String field, int max, String stored, boolean whole) {
		if (!body.has(field) && !whole) {
			return stored;
		}
		return text(body, field, max);
	}

	private static String text(JsonNode body, String field, int max) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw StationProblem.invalid(field, "'" + field + "' must be a text");
		}
		String wrong = org.gridmap.geo.TextInput.unstorable(value.asString());
		if (wrong != null) {
			throw StationProblem.invalid(field, "'" + field + "' " + wrong);
		}
		String text = value.asString().strip();
		if (text.length() > max) {
			throw StationProblem.invalid(field, "'" + field + "' may have at most " + max + " characters");
		}
		return text.isEmpty() ? null : text;
	}

	private static List<String> services(JsonNode body) {
		JsonNode value = body.get("services");
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray() || value.size() > MAX_SERVICES) {
			throw StationProblem.invalid("services",
					"'services' must be an array of at most " + MAX_SERVICES + " texts, e.g. [\"政策咨询\", \"事项代办\"]");
		}
		List<String> services = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			JsonNode item = value.get(i);
			if (!item.isString() || item.asString().isBlank() || item.asString().length() > 50) {
				throw StationProblem.invalid("services[" + i + "]",
						"'services[" + i + "]' must be a non-empty text of at most 50 characters");
			}
			services.add(item.asString().strip());
		}
		return List.copyOf(services);
	}

	private static double[] point(JsonNode body, StationFields current, boolean whole) {
		boolean given = body.has("lon") || body.has("lat");
		if (!given && !whole && current != null) {
			if (body.has("crs")) {
				throw StationProblem.invalid("crs", "'crs' applies to lon and lat: give them too");
			}
			return new double[] { current.lon(), current.lat() };
		}
		InputCrs crs;
		try {
			JsonNode crsNode = body.get("crs");
			if (crsNode != null && !crsNode.isNull() && !crsNode.isString()) {
				throw new IllegalArgumentException("'crs' must be a text such as EPSG:4326 or GCJ-02");
			}
			crs = InputCrs.parse((crsNode == null || crsNode.isNull()) ? null : crsNode.asString());
		}
		catch (IllegalArgumentException ex) {
			throw StationProblem.invalid("crs", ex.getMessage());
		}
		double lon = coordinate(body, "lon");
		double lat = coordinate(body, "lat");
		return crs.toWgs84(lon, lat);
	}

	private static double coordinate(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value != null && !value.isNull() && !value.isNumber()) {
			throw StationProblem.invalid(name, "'" + name + "' must be a number in decimal degrees");
		}
		try {
			return Coordinates.check(name, (value == null || value.isNull()) ? null : value.asDouble());
		}
		catch (IllegalArgumentException ex) {
			throw StationProblem.invalid(name, ex.getMessage());
		}
	}

}
