package org.gridmap.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One unit's figures over one period, as stats.sql counts them; the rates are the counts'
 * quotients (null where the denominator is 0).
 *
 * @param reports incidents reported in the period
 * @param rejected of them rejected (invalid, duplicate, not our matter)
 * @param registered of them registered into the loop: neither rejected nor still waiting
 * @param registeredShare registered / reports
 * @param closed of them closed by the judging instant
 * @param closureRate closed / (reports − rejected)
 * @param due of those not rejected, the ones closed or past their deadline by the judging
 * instant: those whose timeliness is decided
 * @param onTime of them closed by their deadline
 * @param onTimeRate onTime / due
 * @param medianHoursToClose median hours from report to closing, of the closed ones
 * @param everClosed closed, or closed once and reopened
 * @param reopened reopened by a dispatcher at least once
 * @param reopenRate reopened / everClosed
 * @param rated rated by the resident (1–5)
 * @param meanRating mean rating
 * @param satisfied rated 4 or 5
 * @param satisfiedShare satisfied / rated
 * @param dispatched departments only: incidents dispatched to the department
 * @param medianHoursToAccept departments only: median hours from dispatch to acceptance
 * (still waiting ones count up to the judging instant)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Measures(long reports, long rejected, long registered, Double registeredShare, long closed, Double closureRate,
		long due, long onTime, Double onTimeRate, Double medianHoursToClose, long everClosed, long reopened,
		Double reopenRate, long rated, Double meanRating, long satisfied, Double satisfiedShare, Long dispatched,
		Double medianHoursToAccept) {

	static Measures of(long reports, long rejected, long registered, long closed, long due, long onTime,
			Double medianHoursToClose, long everClosed, long reopened, long rated, Double meanRating, long satisfied,
			Long dispatched, Double medianHoursToAccept) {
		return new Measures(reports, rejected, registered, share(registered, reports), closed,
				share(closed, reports - rejected), due, onTime, share(onTime, due), round(medianHoursToClose, 100),
				everClosed, reopened, share(reopened, everClosed), rated, round(meanRating, 100), satisfied,
				share(satisfied, rated), dispatched, round(medianHoursToAccept, 100));
	}

	static Double share(long part, long whole) {
		return (whole > 0) ? round((double) part / whole, 10_000) : null;
	}

	static Double round(Double value, int scale) {
		return (value != null) ? Math.round(value * scale) / (double) scale : null;
	}

}
