package org.gridmap.assessment;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The three-colour warning (三色预警) and the departments' rolls (红黑榜), from configuration
 * ({@code GRIDMAP_ASSESSMENT_*}). Each indicator is green at or above its green
 * threshold, red below its red threshold, yellow in between; a row takes the colour of
 * its worst indicator. An indicator counts only when it rests on at least
 * {@code minReports} incidents (on-time rate: those due; closure rate: those not
 * rejected; satisfaction: those rated), and a row where none does is {@code none}: too
 * few reports to judge. A department is on the black roll (黑榜, lagging: "reports but does
 * not show up") when it is red or when its median time from dispatch to acceptance
 * exceeds {@code blackListResponseHours}; on the red roll (红榜) when it is green.
 *
 * @param greenOnTime on-time rate for green
 * @param redOnTime on-time rate below which a row is red
 * @param greenClosure closure rate for green
 * @param redClosure closure rate below which a row is red
 * @param greenSatisfied share of ratings 4–5 for green
 * @param redSatisfied share of ratings 4–5 below which a row is red
 * @param minReports incidents an indicator needs to count
 * @param blackListResponseHours median hours from dispatch to acceptance above which a
 * department is on the black roll
 * @param maxDays the longest period assessed at once
 */
@ConfigurationProperties("gridmap.assessment")
record Thresholds(double greenOnTime, double redOnTime, double greenClosure, double redClosure, double greenSatisfied,
		double redSatisfied, int minReports, double blackListResponseHours, int maxDays) {

	static final String GREEN = "green";

	static final String YELLOW = "yellow";

	static final String RED = "red";

	static final String NONE = "none";

	Thresholds {
		pair("on-time", greenOnTime, redOnTime);
		pair("closure", greenClosure, redClosure);
		pair("satisfied", greenSatisfied, redSatisfied);
		if (minReports < 1 || blackListResponseHours <= 0 || maxDays < 1) {
			throw new IllegalArgumentException(
					"gridmap.assessment: min-reports and max-days must be at least 1, black-list-response-hours positive");
		}
	}

	private static void pair(String name, double green, double red) {
		if (!(red >= 0 && red <= green && green <= 1)) {
			throw new IllegalArgumentException("gridmap.assessment " + name
					+ " thresholds must satisfy 0 <= red <= green <= 1, got red " + red + " and green " + green);
		}
	}

	/** An indicator that is not green, with its value and colour. */
	record Reason(String indicator, double value, String colour) {
	}

	/**
	 * @param colour green, yellow, red, or none (too few reports)
	 * @param reasons the indicators that are not green (and, for a department, a slow
	 * acceptance, coloured black)
	 * @param roll for a department: red (红榜), black (黑榜) or null; null otherwise
	 */
	record Rating(String colour, List<Reason> reasons, String roll) {
	}

	/** A department's rating, with its roll. */
	Rating rateDepartment(Measures m) {
		Rating rating = rate(m);
		boolean slow = m.dispatched() != null && m.dispatched() >= this.minReports && m.medianHoursToAccept() != null
				&& m.medianHoursToAccept() > this.blackListResponseHours;
		List<Reason> reasons = new ArrayList<>(rating.reasons());
		if (slow) {
			reasons.add(new Reason("medianHoursToAccept", m.medianHoursToAccept(), "black"));
		}
		String roll = (RED.equals(rating.colour()) || slow) ? "black" : GREEN.equals(rating.colour()) ? "red" : null;
		return new Rating(rating.colour(), List.copyOf(reasons), roll);
	}

	Rating rate(Measures m) {
		List<Reason> reasons = new ArrayList<>();
		int counted = 0;
		int worst = 0;
		double[][] indicators = { { m.due(), value(m.onTimeRate()), this.greenOnTime, this.redOnTime },
				{ m.reports() - m.rejected(), value(m.closureRate()), this.greenClosure, this.redClosure },
				{ m.rated(), value(m.satisfiedShare()), this.greenSatisfied, this.redSatisfied } };
		String[] names = { "onTimeRate", "closureRate", "satisfiedShare" };
		for (int i = 0; i < indicators.length; i++) {
			double[] indicator = indicators[i];
			if (indicator[0] < this.minReports || Double.isNaN(indicator[1])) {
				continue;
			}
			counted++;
			int level = (indicator[1] >= indicator[2]) ? 0 : (indicator[1] >= indicator[3]) ? 1 : 2;
			worst = Math.max(worst, level);
			if (level > 0) {
				reasons.add(new Reason(names[i], indicator[1], (level == 2) ? RED : YELLOW));
			}
		}
		if (counted == 0) {
			return new Rating(NONE, List.of(), null);
		}
		return new Rating((worst == 0) ? GREEN : (worst == 1) ? YELLOW : RED, List.copyOf(reasons), null);
	}

	private static double value(Double value) {
		return (value != null) ? value : Double.NaN;
	}

}
