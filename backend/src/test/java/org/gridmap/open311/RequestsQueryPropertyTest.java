package org.gridmap.open311;

import java.time.ZoneId;
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
 * Open311 {@code GET requests} filters under any query string: a query with a window that
 * starts before it ends, or an {@link Open311Problem} with a 4xx status, never another
 * exception.
 */
class RequestsQueryPropertyTest {

	@Property(tries = 1500)
	void requestFiltersGiveAQueryOrA4xxProblem(@ForAll("params") MultiValueMap<String, String> params) {
		try {
			RequestsQuery query = RequestsQuery.of(params, ZoneId.of("Asia/Shanghai"));
			if (query.from() != null && query.to() != null) {
				assertThat(query.from()).isBeforeOrEqualTo(query.to());
			}
		}
		catch (Open311Problem problem) {
			assertThat(problem.getStatusCode().is4xxClientError()).as(problem.getMessage()).isTrue();
		}
	}

	@Provide
	Arbitrary<MultiValueMap<String, String>> params() {
		return HostileParams.of(Map.of("service_request_id", List.of("1", "1,2,3"), "service_code",
				List.of("blocked-drain", "blocked-drain,noise"), "status", List.of("open", "closed", "open,closed"),
				"start_date", List.of("2026-01-01T00:00:00Z", "2026-01-01"), "end_date",
				List.of("2026-02-01T00:00:00+08:00"), "jurisdiction_id", List.of("230304")));
	}

}
