package org.gridmap.gridindex;

import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The grid index in {@code /actuator/health} (component {@code gridIndex}) and
 * {@code /actuator/info} (key {@code gridIndex}): mode, size, build time, period. Always
 * up: without an index, lookups are answered by the database, which readiness checks.
 */
@Component("gridIndex")
class GridIndexHealth implements HealthIndicator, InfoContributor {

	private final LiveGridIndex index;

	GridIndexHealth(LiveGridIndex index) {
		this.index = index;
	}

	@Override
	public Health health() {
		Map<String, Object> details = this.index.describe();
		return Health.up().withDetails(details).build();
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("gridIndex", this.index.describe());
	}

}
