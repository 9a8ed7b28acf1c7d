package org.gridmap.address;

import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/addresses}: partial Chinese text finds the address and its grid. */
class AddressSearchTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@Test
	void compoundAndBuildingFindTheAddressesOfThatBuildingWithTheirGrid() {
		Map<String, Object> known = this.db.sql(
				"SELECT address, compound, building, grid_code FROM address WHERE building IS NOT NULL ORDER BY id OFFSET 777 LIMIT 1")
			.fetch()
			.one()
			.block();
		String typed = known.get("compound") + "" + known.get("building");
		this.http.get()
			.uri("/api/v1/addresses?q={q}&limit=5", typed)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.results.length()")
			.isEqualTo(5)
			.jsonPath("$.results[0].address")
			.value((String address) -> assertThat(address).contains(typed))
			.jsonPath("$.results[0].gridCode")
			.isEqualTo(known.get("grid_code"))
			.jsonPath("$.results[0].lon")
			.isNumber();
	}

	@Test
	void aFullAddressComesFirst() {
		String address = this.db.sql("SELECT address FROM address ORDER BY id OFFSET 4321 LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		this.http.get()
			.uri("/api/v1/addresses?q={q}", address)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.results[0].address")
			.isEqualTo(address);
	}

	@Test
	void textWithLikeWildcardsAndMarkupIsJustText() {
		for (String q : List.of("%%%%", "__", "<script>alert(1)</script>", "' OR 1=1 --", "幸福\\小区")) {
			this.http.get()
				.uri("/api/v1/addresses?q={q}", q)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.query")
				.isEqualTo(q);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "a", "\u0000\u0001" })
	void tooShortQueriesAreA400Problem(String q) {
		this.http.get()
			.uri("/api/v1/addresses?q={q}", q)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo("q");
	}

	@Test
	void missingHugeAndBadLimitsAreA400Problem() {
		this.http.get().uri("/api/v1/addresses").exchange().expectStatus().isBadRequest();
		this.http.get().uri("/api/v1/addresses?q={q}", "幸".repeat(101)).exchange().expectStatus().isBadRequest();
		this.http.get().uri("/api/v1/addresses?q=幸福&limit=0").exchange().expectStatus().isBadRequest();
		this.http.get().uri("/api/v1/addresses?q=幸福&limit=x").exchange().expectStatus().isBadRequest();
		this.http.get()
			.uri("/api/v1/addresses?q=滴道区&limit=500")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.results.length()")
			.isEqualTo(50);
	}

}
