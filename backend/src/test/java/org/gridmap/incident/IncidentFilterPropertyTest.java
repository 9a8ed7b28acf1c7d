package org.gridmap.incident;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gridmap.HostileParams;

import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's list filter under any query string: a filter within its documented
 * bounds (statuses and deadline states from their lists, a page of 1 to 10,000, a finite
 * bbox), or an {@link IncidentProblem} with a 4xx status, never another exception.
 */
class IncidentFilterPropertyTest {

	@Property(tries = 1500)
	void listParametersGiveABoundedFilterOrA4xxProblem(@ForAll("params") MultiValueMap<String, String> params) {
		try {
			IncidentFilter filter = IncidentFilter.of(params, ZoneId.of("Asia/Shanghai"));
			assertThat(filter.limit()).isBetween(1, IncidentFilter.MAX_LIMIT);
			assertThat(filter.offset()).isNotNegative();
			if (filter.statuses() != null) {
				assertThat(IncidentFilter.STATUSES).containsAll(Arrays.asList(filter.statuses()));
			}
			if (filter.deadlineState() != null) {
				assertThat(IncidentFilter.DEADLINE_STATES).contains(filter.deadlineState());
			}
			if (filter.bbox() != null) {
				assertThat(filter.bbox()).hasSize(4);
				assertThat(Arrays.stream(filter.bbox()).allMatch(Double::isFinite)).isTrue();
			}
		}
		catch (IncidentProblem problem) {
			assertThat(problem.getStatusCode().is4xxClientError()).as(problem.getMessage()).isTrue();
		}
	}

	@Provide
	Arbitrary<MultiValueMap<String, String>> params() {
		return HostileParams.of(Map.ofEntries(Map.entry("status", List.of("reported", "reported,closed")),
				Map.entry("matter", List.of("blocked-drain")), Map.entry("department", List.of("civil-affairs")),
				Map.entry("grid", List.of("230304004001001")), Map.entry("street", List.of("230304004")),
				Map.entry("from", List.of("2026-01-01")), Map.entry("to", List.of("2026-02-01T00:00:00+08:00")),
				Map.entry("deadline", List.of("overdue")), Map.entry("bbox", List.of("130.7,45.3,130.9,45.4")),
				Map.entry("limit", List.of("10")), Map.entry("offset", List.of("5"))));
	}

}
