package org.gridmap.lookup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.gridmap.geo.InputCrs;
import org.gridmap.gridindex.GridIndex;
import org.gridmap.gridindex.LiveGridIndex;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmarks only ({@code GRIDMAP_BENCH_ENDPOINTS=true}, never on by default):
 * {@code GET /api/v1/bench/constant} answers a constant JSON body, a real lookup answer
 * made once, through the same WebFlux stack as {@code /api/v1/lookup}. Comparing the two
 * rates shows what the lookup itself costs beside HTTP (bench/lookup.sh).
 */
@RestController
@ConditionalOnBooleanProperty("gridmap.bench-endpoints")
class BenchController {

	private final LiveGridIndex index;

	private volatile String body;

	BenchController(LiveGridIndex index) {
		this.index = index;
	}

	@GetMapping(path = "/api/v1/bench/constant", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> constant() {
		String current = this.body;
		if (current == null) {
			current = sample();
			this.body = current;
		}
		return Mono.just(current);
	}

	/** A lookup answer for the first point of a coarse lattice that lies in a grid. */
	private String sample() {
		GridIndex grids = this.index.covering(Instant.now());
		if (grids == null) {
			return "{\"grid\":null}";
		}
		double[] e = grids.extent();
		for (int k = 0; k < 256; k++) {
			double lon = e[0] + (k % 16 + 0.5) * (e[2] - e[0]) / 16;
			double lat = e[1] + (k / 16 + 0.5) * (e[3] - e[1]) / 16;
			int slot = grids.locate(lon, lat);
			if (slot >= 0) {
				LookupPoint point = LookupPoint.of(lon, lat, InputCrs.parse(null), OffsetDateTime.now(ZoneOffset.UTC),
						false);
				StringBuilder out = new StringBuilder(2048).append("{\"query\":").append(point.queryJson()).append(',');
				return grids.appendMembers(out, slot, lon, lat).toString();
			}
		}
		return "{\"grid\":null}";
	}

}
