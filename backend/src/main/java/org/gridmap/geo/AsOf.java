package org.gridmap.geo;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads the instant that an "as of" question asks about. Accepts an ISO date
 * ({@code 2026-05-01}, read as midnight at the start of that day in the district's time
 * zone, the moment boundary changes take effect), a local date-time (same zone) or an
 * instant with offset ({@code 2026-05-01T08:30:00+08:00}, {@code …Z}).
 */
public final class AsOf {

	private AsOf() {
	}

	/**
	 * @param text the parameter value; {@code null} or blank means now
	 * @param zone the district's time zone for dates and local date-times
	 * @throws IllegalArgumentException when the text is none of the accepted forms
	 */
	public static OffsetDateTime parse(String text, ZoneId zone) {
		if (text == null || text.isBlank()) {
			return OffsetDateTime.now(ZoneOffset.UTC);
		}
		String value = text.strip();
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime();
			}
			if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
				return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
			}
			return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("'" + abbreviate(value)
					+ "' is not an ISO 8601 date (2026-05-01) or date-time (2026-05-01T08:30:00+08:00)", ex);
		}
	}

	public static String format(OffsetDateTime instant) {
		return Instant.from(instant).toString();
	}

	static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
