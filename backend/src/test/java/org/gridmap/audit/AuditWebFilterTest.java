package org.gridmap.audit;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only requests that may write carry an actor to the database: reads, the batch lookup
 * among them, cost no statement on their connections.
 */
class AuditWebFilterTest {

	@Test
	void readsAndReadOnlyPostsCarryNoActorWritesDo() {
		assertThat(AuditWebFilter.writes(HttpMethod.GET, "/api/v1/lookup")).isFalse();
		assertThat(AuditWebFilter.writes(HttpMethod.HEAD, "/ogc/collections")).isFalse();
		assertThat(AuditWebFilter.writes(HttpMethod.OPTIONS, "/api/v1/incidents")).isFalse();
		assertThat(AuditWebFilter.writes(HttpMethod.POST, "/api/v1/lookup")).isFalse();
		assertThat(AuditWebFilter.writes(HttpMethod.POST, "/api/v1/incidents")).isTrue();
		assertThat(AuditWebFilter.writes(HttpMethod.POST, "/api/v1/lookup/anything")).isTrue();
		assertThat(AuditWebFilter.writes(HttpMethod.PATCH, "/api/v1/stations/S1")).isTrue();
		assertThat(AuditWebFilter.writes(HttpMethod.PUT, "/api/v1/stations/S1")).isTrue();
		assertThat(AuditWebFilter.writes(HttpMethod.DELETE, "/api/v1/stations/S1")).isTrue();
	}

}
