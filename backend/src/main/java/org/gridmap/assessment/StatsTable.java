package org.gridmap.assessment;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An assessment table: one row per unit, and the total over all of them.
 *
 * @param grouping grids, workers, communities, streets or departments
 * @param from first instant of the period (UTC)
 * @param to first instant after the period
 * @param previousFrom first instant of the previous period, which ends at {@code from}
 * @param judgedAt the instant the period's reports are judged at (its end, or now)
 * @param previousJudgedAt the same for the previous period
 * @param zone the district's time zone, in which dates are read
 * @param filter the street or community the table is limited to, if any
 * @param thresholds the rating thresholds in force
 * @param rows the units, by code
 * @param total all units together
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StatsTable(String grouping, String from, String to, String previousFrom, String judgedAt,
		String previousJudgedAt, String zone, Filter filter, Thresholds thresholds, List<Row> rows, Row total) {

	/**
	 * @param unit what the row is about (null for the total)
	 * @param current this period's figures
	 * @param previous the previous period's
	 * @param trend this period against the previous one
	 * @param rating green, yellow, red or none
	 * @param reasons the indicators that are not green
	 * @param previousRating the previous period's rating
	 * @param roll departments: red (红榜), black (黑榜) or null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Row(Unit unit, Measures current, Measures previous, Trend trend, String rating,
			List<Thresholds.Reason> reasons, String previousRating, String roll) {

	}

	/**
	 * @param street a 9-digit street code
	 * @param community a 12-digit community code
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Filter(String street, String community) {

	}

}
