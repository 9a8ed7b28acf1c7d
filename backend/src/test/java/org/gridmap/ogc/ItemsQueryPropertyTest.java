package org.gridmap.ogc;

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
 * The OGC {@code /items} parameters (bbox, bbox-crs, crs, limit, offset, datetime, f)
 * under any query string: a query within the documented bounds, or an {@link OgcProblem}
 * with a 4xx status, never another exception.
 */
class ItemsQueryPropertyTest {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Property(tries = 1500)
	void itemsParametersGiveABoundedQueryOrA4xxProblem(@ForAll("params") MultiValueMap<String, String> params) {
		try {
			ItemsQuery query = ItemsQuery.items(OgcCollection.find("grids"), params, ZONE);
			assertThat(query.limit()).isBetween(1, ItemsQuery.MAX_LIMIT);
			assertThat(query.offset()).isNotNegative();
			assertThat(query.at()).isNotNull();
			if (query.bbox() != null) {
				assertThat(java.util.Arrays.stream(query.bbox()).allMatch(Double::isFinite)).isTrue();
			}
		}
		catch (OgcProblem problem) {
			assertThat(problem.getStatusCode().is4xxClientError()).as(problem.getMessage()).isTrue();
		}
	}

	@Provide
	Arbitrary<MultiValueMap<String, String>> params() {
		return HostileParams
			.of(Map.of("bbox", List.of("130.7,45.3,130.9,45.4", "130.7,45.3,0,130.9,45.4,100"), "bbox-crs",
					List.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84",
							"http://www.opengis.net/def/crs/EPSG/0/4326"),
					"crs", List.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84"), "limit",
					List.of("1", "100", "10000"), "offset", List.of("0", "20"), "datetime",
					List.of("2026-05-01", "2026-05-01T00:00:00Z"), "f", List.of("json")));
	}

}
