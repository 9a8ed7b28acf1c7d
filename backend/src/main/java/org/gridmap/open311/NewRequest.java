package org.gridmap.open311;

import java.util.Map;
import java.util.function.Function;

import org.gridmap.incident.NewReport;

/**
 * A GeoReport {@code POST requests} as sent, form-encoded or JSON. Only what intake needs
 * is kept; {@code device_id}, {@code account_id}, {@code jurisdiction_id} and
 * {@code attribute[…]} are accepted and ignored (no service has attributes), and
 * {@code media_url} is not fetched (the response says so).
 */
record NewRequest(String apiKey, String serviceCode, String lat, String lon, String addressString, String description,
		String email, String firstName, String lastName, String phone, String mediaUrl) {

	/**
	 * Stored when a client sends no description, which GeoReport allows and intake does
	 * not.
	 */
	static final String NO_DESCRIPTION = "（未填写描述）Open311 request without a description";

	static NewRequest of(Function<String, String> field) {
		return new NewRequest(field.apply("api_key"), field.apply("service_code"), field.apply("lat"),
				field.apply("long"), field.apply("address_string"), field.apply("description"), field.apply("email"),
				field.apply("first_name"), field.apply("last_name"), field.apply("phone"), field.apply("media_url"));
	}

	/** From a JSON object, whose values may be numbers. */
	static NewRequest of(Map<String, Object> body) {
		return of((name) -> {
			Object value = (body != null) ? body.get(name) : null;
			return (value != null) ? value.toString() : null;
		});
	}

	/**
	 * The report intake validates further (service code, ranges, phone, e-mail).
	 * @throws Open311Problem when the location is missing or not numeric
	 */
	NewReport toReport() {
		if (blank(this.lat) || blank(this.lon)) {
			if (!blank(this.addressString)) {
				throw Open311Problem.invalid(blank(this.lat) ? "lat" : "long",
						"This server cannot geocode 'address_string'; send the location as 'lat' and 'long' (WGS 84)");
			}
			throw Open311Problem.invalid(blank(this.lat) ? "lat" : "long",
					"'lat' and 'long' (WGS 84 degrees) are required");
		}
		String description = blank(this.description) ? NO_DESCRIPTION : this.description;
		String name = String
			.join(" ", blank(this.firstName) ? "" : this.firstName.strip(),
					blank(this.lastName) ? "" : this.lastName.strip())
			.strip();
		return new NewReport(blank(this.serviceCode) ? null : this.serviceCode.strip(), description,
				degrees("long", this.lon), degrees("lat", this.lat), null, this.addressString, "open311",
				name.isEmpty() ? null : name, this.phone, this.email, null);
	}

	boolean hasMedia() {
		return !blank(this.mediaUrl);
	}

	private static Double degrees(String name, String value) {
		try {
			double degrees = org.gridmap.geo.Coordinates.decimal(value);
			if (!Double.isFinite(degrees)) {
				throw new NumberFormatException();
			}
			return degrees;
		}
		catch (NumberFormatException ex) {
			throw Open311Problem.invalid(name,
					"'" + name + "' must be a number of degrees, got '" + Open311Problem.abbreviate(value) + "'");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
