package org.gridmap.demo;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo district as loaded into PostGIS (the generator's own checks are in the data
 * module): counts as in the source article, seamless coverage at every level, and every
 * address assigned to the grid that holds it. PostGIS checks here what JTS checked there.
 */
class DemoDistrictInDatabaseTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	@Test
	void districtHasTheArticlesCounts() {
		assertThat(count("SELECT count(*) FROM grid WHERE valid_to = 'infinity'")).isEqualTo(146);
		assertThat(count("SELECT count(*) FROM admin_area WHERE level = 'street'")).isEqualTo(6);
		assertThat(count("SELECT count(*) FROM grid_staff WHERE role = 'full_time'")).isEqualTo(166);
		assertThat(count("SELECT count(*) FROM grid_staff WHERE role = 'part_time'")).isEqualTo(292);
		assertThat(count("SELECT count(*) FROM department")).isEqualTo(12);
		assertThat(count("SELECT count(*) FROM matter")).isEqualTo(43);
		assertThat(count("SELECT count(DISTINCT department_code) FROM matter")).isEqualTo(11);
		assertThat(count("SELECT count(*) FROM service_station")).isEqualTo(40);
		assertThat(count("SELECT count(*) FROM address")).isBetween(54_000L, 56_000L);
	}

	@Test
	void noTwoLiveGridsOverlap() {
		assertThat(count("""
				SELECT count(*) FROM grid a JOIN grid b ON a.code < b.code AND a.geom && b.geom
				WHERE a.valid_to = 'infinity' AND b.valid_to = 'infinity'
				  AND ST_Relate(a.geom, b.geom, '2********')""")).isZero();
	}

	@Test
	void gridsCoverEachCommunityAndCommunitiesCoverTheDistrictWithoutGaps() {
		// Area in square metres of what lies in a parent but in none of its children.
		assertThat(
				count("""
						SELECT count(*) FROM admin_area c
						WHERE c.level = 'community'
						  AND ST_Area(ST_SymDifference(c.geom,
						        (SELECT ST_Union(g.geom) FROM grid g WHERE g.community_code = c.code AND g.valid_to = 'infinity'))::geography) > 1"""))
			.isZero();
		assertThat(count("""
				SELECT count(*) FROM admin_area d
				WHERE d.level = 'district'
				  AND ST_Area(ST_SymDifference(d.geom,
				        (SELECT ST_Union(s.geom) FROM admin_area s WHERE s.parent_code = d.code))::geography) > 1"""))
			.isZero();
	}

	@Test
	void everyAddressIsAssignedToTheGridThatHoldsIt() {
		assertThat(count("""
				SELECT count(*) FROM address a
				LEFT JOIN grid g ON g.code = a.grid_code AND g.valid_to = 'infinity'
				WHERE g.code IS NULL OR NOT ST_Intersects(g.geom, a.geom)""")).isZero();
		assertThat(
				count("""
						SELECT count(*) FROM grid g
						WHERE g.valid_to = 'infinity'
						  AND g.households <> (SELECT coalesce(sum(households), 0) FROM address a WHERE a.grid_code = g.code)"""))
			.isZero();
	}

}
