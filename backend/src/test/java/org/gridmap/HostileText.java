package org.gridmap;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators shared by the property tests of the input parsers ({@code *PropertyTest}):
 * any text, text made of the characters parsers care about, the payloads of the
 * hostile-input suite, and valid text mutated by one edit.
 */
public final class HostileText {

	/** Tokens that parsers treat specially, and the suite's payloads. */
	public static final List<String> TOKENS = List.of("", " ", "\u0000", "\t", "\n", "\r", "\u00a0", "\u2028", "\ud800",
			"\udc00", "\uD83D\uDE00", "'", "\"", "\\", ",", ";", ".", "-", "+", "/", ":", "[", "]", "{", "}", "e", "E",
			"NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x1p3", "1d", "1f", "9".repeat(30), "0", "-0", "180",
			"-180", "90", "-90", "180.0000001", "null", "true", "' OR 1=1--", "1;DROP TABLE grid--", "$$",
			"${T(java.lang.Runtime).getRuntime().exec('id')}", "#{7*7}", "%00", "%C3%28", "../..", "T", "Z", "+08:00",
			"2024-01-01", "2024-13-01", "2024-02-30", "2024-01-01T00:00:00Z", "99999-01-01", "EPSG:4326", "EPSG:4490",
			"GCJ-02", "BD-09", "epsg:4326", "WGS84", "CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "\uff07",
			"\uff11");

	private HostileText() {
	}

	/** Any text: arbitrary characters, tokens, and tokens strung together. */
	public static Arbitrary<String> any() {
		Arbitrary<String> chars = Arbitraries.strings().all().ofMaxLength(40);
		Arbitrary<String> token = Arbitraries.of(TOKENS);
		Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(6).map((parts) -> String.join("", parts));
		return Arbitraries.oneOf(chars, token, tokens, tokens);
	}

	/**
	 * The given valid texts, each possibly changed by one insertion, deletion or swap.
	 */
	public static Arbitrary<String> mutated(List<String> valid) {
		Arbitrary<String> base = Arbitraries.of(valid);
		return Combinators
			.combine(base, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 3),
					Arbitraries.of(TOKENS), Arbitraries.integers().between(0, 4))
			.as((text, at, kind, token, length) -> {
				int i = (text.isEmpty()) ? 0 : at % (text.length() + 1);
				return switch (kind) {
					case 0 -> text;
					case 1 -> text.substring(0, i) + token + text.substring(i);
					case 2 -> text.substring(0, i) + text.substring(Math.min(text.length(), i + length));
					default -> text.substring(0, i) + token + text.substring(Math.min(text.length(), i + length));
				};
			});
	}

}
