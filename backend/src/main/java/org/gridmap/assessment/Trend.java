package org.gridmap.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This period against the previous one of the same length: differences (this − previous;
 * rates in shares, so +0.05 is five percentage points), null where either side has none.
 *
 * @param reports difference in reports
 * @param reportsChange relative change in reports (+0.25 = a quarter more), null when the
 * previous period had none
 * @param registeredShare difference in registered share
 * @param closureRate difference in closure rate
 * @param onTimeRate difference in on-time rate
 * @param medianHoursToClose difference in median hours to close
 * @param reopenRate difference in reopen rate
 * @param meanRating difference in mean rating
 * @param satisfiedShare difference in satisfied share
 * @param medianHoursToAccept departments only: difference in median hours to accept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Trend(long reports, Double reportsChange, Double registeredShare, Double closureRate, Double onTimeRate,
		Double medianHoursToClose, Double reopenRate, Double meanRating, Double satisfiedShare,
		Double medianHoursToAccept) {

	static Trend between(Measures now, Measures before) {
		return new Trend(now.reports() - before.reports(),
				(before.reports() > 0)
						? Measures.round((now.reports() - before.reports()) / (double) before.reports(), 10_000) : null,
				delta(now.registeredShare(), before.registeredShare(), 10_000),
				delta(now.closureRate(), before.closureRate(), 10_000),
				delta(now.onTimeRate(), before.onTimeRate(), 10_000),
				delta(now.medianHoursToClose(), before.medianHoursToClose(), 100),
				delta(now.reopenRate(), before.reopenRate(), 10_000), delta(now.meanRating(), before.meanRating(), 100),
				delta(now.satisfiedShare(), before.satisfiedShare(), 10_000),
				delta(now.medianHoursToAccept(), before.medianHoursToAccept(), 100));
	}

	private static Double delta(Double now, Double before, int scale) {
		return (now != null && before != null) ? Measures.round(now - before, scale) : null;
	}

}
