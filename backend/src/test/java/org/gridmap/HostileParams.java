package org.gridmap;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Query strings for the property tests of the parameter parsers: names from the parser's
 * own set (and a few it does not know), each with valid values, mutated valid values or
 * any text, sometimes given twice.
 */
public final class HostileParams {

	private HostileParams() {
	}

	/**
	 * @param valid each parameter's valid values
	 */
	public static Arbitrary<MultiValueMap<String, String>> of(Map<String, List<String>> valid) {
		List<String> names = new java.util.ArrayList<>(valid.keySet());
		names.addAll(List.of("sortby", "filter", "unknown"));
		Arbitrary<Map.Entry<String, String>> pair = Arbitraries.of(names).flatMap((name) -> {
			List<String> values = valid.getOrDefault(name, List.of("x"));
			return Arbitraries.oneOf(Arbitraries.of(values), HostileText.mutated(values), HostileText.any())
				.map((value) -> Map.entry(name, value));
		});
		return pair.list().ofMaxSize(5).map((pairs) -> {
			MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
			pairs.forEach((e) -> params.add(e.getKey(), e.getValue()));
			return params;
		});
	}

}
