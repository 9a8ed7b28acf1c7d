package org.gridmap.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.gridmap.geo.ChinaCoordinates;
import org.gridmap.geo.Coordinates;
import org.gridmap.geo.InputCrs;
import org.gridmap.geo.TextInput;

/**
 * A report as submitted, from any channel (app, WeChat, hotline, grid worker, Open311,
 * CSV import). {@link #checked()} validates every field where it enters and converts the
 * point to WGS 84; nothing unchecked reaches the database.
 *
 * @param reportedAt when it was reported; null means now (only imports set it)
 */
public record NewReport(String matter, String description, Double lon, Double lat, String crs, String address,
		String channel, String reporterName, String reporterPhone, String reporterEmail, OffsetDateTime reportedAt) {

	static final Set<String> CHANNELS = Set.of("app", "wechat", "hotline", "grid_worker", "open311", "import", "other");

	private static final Pattern MATTER = Pattern.compile("^[a-z0-9_-]{1,40}$");

	private static final Pattern PHONE = Pattern.compile("^[0-9+() -]{3,30}$");

	/** The same report with its point in WGS 84 and text trimmed, or a 400 problem. */
	public Checked checked() {
		if (this.matter == null || !MATTER.matcher(this.matter).matches()) {
			throw IncidentProblem.invalid("matter", "'matter' must be a matter code from /api/v1/matters, got '"
					+ IncidentProblem.abbreviate(this.matter) + "'");
		}
		storable("description", this.description);
		storable("address", this.address);
		storable("reporterName", this.reporterName);
		storable("reporterEmail", this.reporterEmail);
		String text = trim(this.description);
		if (text == null || text.length() > 4000) {
			throw IncidentProblem.invalid("description", "'description' must hold 1 to 4000 characters");
		}
		InputCrs inputCrs;
		double[] wgs;
		try {
			inputCrs = InputCrs.parse(this.crs);
			wgs = inputCrs.toWgs84(Coordinates.check("lon", this.lon), Coordinates.check("lat", this.lat));
		}
		catch (IllegalArgumentException ex) {
			String parameter = ex.getMessage().contains("'lat'") ? "lat"
					: ex.getMessage().contains("'lon'") ? "lon" : "crs";
			throw IncidentProblem.invalid(parameter, ex.getMessage());
		}
		if (!ChinaCoordinates.isInsideChinaBox(wgs[0], wgs[1])) {
			throw IncidentProblem.invalid("lon", "The location (" + wgs[0] + ", " + wgs[1]
					+ ") is outside China; reports are taken for places in China only (are lon and lat swapped?)");
		}
		String channelCode = (this.channel == null || this.channel.isBlank()) ? "app" : this.channel.trim();
		if (!CHANNELS.contains(channelCode)) {
			throw IncidentProblem.invalid("channel",
					"'channel' must be one of " + String.join(", ", CHANNELS.stream().sorted().toList()));
		}
		String place = limit("address", trim(this.address), 300);
		String name = limit("reporterName", trim(this.reporterName), 100);
		String phone = trim(this.reporterPhone);
		if (phone != null && !PHONE.matcher(phone).matches()) {
			throw IncidentProblem.invalid("reporterPhone",
					"'reporterPhone' must be a phone number (digits, +, -, spaces)");
		}
		String email = limit("reporterEmail", trim(this.reporterEmail), 200);
		if (email != null && !email.matches("^[^@\\s]+@[^@\\s]+$")) {
			throw IncidentProblem.invalid("reporterEmail", "'reporterEmail' is not an e-mail address");
		}
		OffsetDateTime at = (this.reportedAt != null) ? this.reportedAt : OffsetDateTime.now();
		if (at.isAfter(OffsetDateTime.now().plusMinutes(5))) {
			throw IncidentProblem.invalid("reportedAt", "'reportedAt' lies in the future");
		}
		return new Checked(this.matter, text, wgs[0], wgs[1], place, channelCode, name, phone, email, at);
	}

	/** Refuses text PostgreSQL cannot hold (NUL, control characters, lone surrogates). */
	static void storable(String name, String value) {
		String wrong = TextInput.unstorable(value);
		if (wrong != null) {
			throw IncidentProblem.invalid(name, "'" + name + "' " + wrong);
		}
	}

	private static String trim(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

	private static String limit(String name, String value, int max) {
		if (value != null && value.length() > max) {
			throw IncidentProblem.invalid(name, "'" + name + "' must hold at most " + max + " characters");
		}
		return value;
	}

	/** A validated report, point in WGS 84. */
	public record Checked(String matter, String description, double lon, double lat, String address, String channel,
			String reporterName, String reporterPhone, String reporterEmail, OffsetDateTime reportedAt) {

		/**
		 * A fingerprint of what was asked (not when), so that a retry with the same
		 * Idempotency-Key can be told from a different report under the same key.
		 */
		String fingerprint(List<Photo> photos) {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				for (Object part : new Object[] { this.matter, this.description, this.lon, this.lat, this.address,
						this.channel, this.reporterName, this.reporterPhone, this.reporterEmail }) {
					digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
					digest.update((byte) 0);
				}
				for (Photo photo : photos) {
					digest.update(photo.original());
				}
				return HexFormat.of().formatHex(digest.digest());
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
