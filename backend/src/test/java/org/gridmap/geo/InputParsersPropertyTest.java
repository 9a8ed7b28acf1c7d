package org.gridmap.geo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.gridmap.HostileText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shared parameter parsers under any input: each returns a value that keeps its
 * documented invariants or throws {@link IllegalArgumentException} (which every feature
 * answers with 400), never anything else; valid values round-trip.
 */
class InputParsersPropertyTest {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Property(tries = 2000)
	void aCoordinateIsADecimalInRangeOrRefused(@ForAll("coordinates") String text) {
		try {
			double lat = Coordinates.parse("lat", text);
			assertThat(Double.isFinite(lat)).isTrue();
			assertThat(lat).isBetween(-90.0, 90.0);
			assertThat(text.strip()).matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).contains("'lat'");
		}
	}

	@Property(tries = 300)
	void decimalsRoundTrip(@ForAll @DoubleRange(min = -180, max = 180) double value) {
		assertThat(Coordinates.parse("lon", Double.toString(value))).isEqualTo(value);
	}

	@Property(tries = 1000)
	void aCoordinateSystemIsOneOfTheFourOrRefused(@ForAll("crsNames") String text) {
		try {
			InputCrs crs = InputCrs.parse(text);
			assertThat(crs).isNotNull();
			// Only white space around a name is forgiven; NUL and other controls are not.
			assertThat(text.strip().chars().allMatch((c) -> c >= 0x20)).as(text).isTrue();
			assertThat(InputCrs.parse(crs.id())).isEqualTo(crs);
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
	}

	@Property(tries = 300)
	void chinesePointsRoundTripThroughEveryInputSystem(@ForAll @DoubleRange(min = 74, max = 134) double lon,
			@ForAll @DoubleRange(min = 19, max = 53) double lat, @ForAll InputCrs crs) {
		double[] wgs = crs.toWgs84(lon, lat);
		assertThat(Double.isFinite(wgs[0]) && Double.isFinite(wgs[1])).isTrue();
		double[] back = crs.fromWgs84(wgs[0], wgs[1]);
		assertThat(back[0]).isCloseTo(lon, within(1e-7));
		assertThat(back[1]).isCloseTo(lat, within(1e-7));
	}

	@Property(tries = 1500)
	void anAsOfIsAnInstantOrRefused(@ForAll("asOf") String text) {
		try {
			OffsetDateTime at = AsOf.parse(text, ZONE);
			assertThat(at).isNotNull();
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).contains("ISO 8601");
		}
	}

	@Property(tries = 300)
	void aDateIsMidnightInTheDistrict(@ForAll("dates") LocalDate date) {
		assertThat(AsOf.parse(date.toString(), ZONE).toInstant()).isEqualTo(date.atStartOfDay(ZONE).toInstant());
	}

	@Property(tries = 1000)
	void storableTextHasNoNulNoControlsAndNoLoneSurrogates(@ForAll("text") String text) {
		String wrong = TextInput.unstorable(text);
		boolean bad = text.chars().anyMatch((c) -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				|| !text.codePoints().allMatch((cp) -> cp < 0xD800 || cp > 0xDFFF);
		assertThat(wrong != null).as(text).isEqualTo(bad);
	}

	@Provide
	Arbitrary<String> coordinates() {
		return Arbitraries.oneOf(HostileText.any(),
				HostileText.mutated(List.of("45.35", "-12.5", "1e-3", "90", "0.0", ".5", "+7", "89.999999999")));
	}

	@Provide
	Arbitrary<String> crsNames() {
		return Arbitraries.oneOf(HostileText.any(),
				HostileText.mutated(List.of("EPSG:4326", "EPSG:4490", "GCJ-02", "BD-09", "gcj02", "bd09")));
	}

	@Provide
	Arbitrary<String> asOf() {
		return Arbitraries.oneOf(HostileText.any(), HostileText.mutated(List.of("2026-05-01",
				"2026-05-01T08:30:00+08:00", "2026-05-01T08:30:00Z", "2026-05-01T08:30:00", "2024-02-29")));
	}

	@Provide
	Arbitrary<LocalDate> dates() {
		return Arbitraries.integers().between(0, 200 * 365).map((days) -> LocalDate.of(1900, 1, 1).plusDays(days));
	}

	@Provide
	Arbitrary<String> text() {
		return Arbitraries.oneOf(HostileText.any(), Arbitraries.strings().all().ofMaxLength(20));
	}

}
