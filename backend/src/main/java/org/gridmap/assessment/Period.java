package org.gridmap.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.gridmap.geo.AsOf;

/**
 * The period an assessment covers, half-open [from, to), the previous period of the same
 * length [previousFrom, from) that the trend compares it with, and the instants at which
 * each is judged: its end, or now if that is earlier (a report still open at the end of
 * its period counts as not closed, in both periods alike).
 *
 * @param from first instant of the period
 * @param to first instant after the period
 * @param previousFrom first instant of the previous period, which ends at {@code from}
 * @param now the instant of the request
 */
record Period(OffsetDateTime from, OffsetDateTime to, OffsetDateTime previousFrom, OffsetDateTime now) {

	/** Instants outside these years are refused before they reach SQL. */
	static final int FIRST_YEAR = 1900;

	static final int LAST_YEAR = 2200;

	/**
	 * Reads {@code from} and {@code to} (ISO dates, read as midnight in the district's
	 * zone, or date-times). Without either: the last complete calendar month. Without
	 * {@code to}: up to now. Without {@code from}: the month before {@code to}.
	 * @throws AssessmentProblem for unreadable instants, {@code from} not before
	 * {@code to}, or a period longer than {@code maxDays}
	 */
	static Period of(String fromText, String toText, ZoneId zone, int maxDays, Instant now) {
		OffsetDateTime from = instant("from", fromText, zone);
		OffsetDateTime to = instant("to", toText, zone);
		if (from == null && to == null) {
			LocalDate thisMonth = LocalDate.ofInstant(now, zone).withDayOfMonth(1);
			from = thisMonth.minusMonths(1).atStartOfDay(zone).toOffsetDateTime();
			to = thisMonth.atStartOfDay(zone).toOffsetDateTime();
		}
		else if (to == null) {
			to = now.atOffset(ZoneOffset.UTC);
		}
		else if (from == null) {
			from = to.atZoneSameInstant(zone).minusMonths(1).toOffsetDateTime();
		}
		if (!from.isBefore(to)) {
			throw AssessmentProblem.invalid("from", "'from' (" + AsOf.format(from) + ") must be before 'to' ("
					+ AsOf.format(to) + "); 'to' is the first instant after the period");
		}
		Duration length = Duration.between(from, to);
		if (length.compareTo(Duration.ofDays(maxDays)) > 0) {
			throw AssessmentProblem.invalid("to", "The period is " + (length.toHours() + 23) / 24
					+ " days long; at most " + maxDays + " days can be assessed at once");
		}
		return new Period(from, to, from.minus(length), now.atOffset(ZoneOffset.UTC));
	}

	/** The instant the previous period is judged at: its end, or now if earlier. */
	OffsetDateTime previousJudgedAt() {
		return this.from.isBefore(this.now) ? this.from : this.now;
	}

	/** The instant this period is judged at: its end, or now if earlier. */
	OffsetDateTime judgedAt() {
		return this.to.isBefore(this.now) ? this.to : this.now;
	}

	private static OffsetDateTime instant(String name, String text, ZoneId zone) {
		if (text == null || text.isBlank()) {
			return null;
		}
		OffsetDateTime instant;
		try {
			instant = AsOf.parse(text, zone);
		}
		catch (IllegalArgumentException ex) {
			throw AssessmentProblem.invalid(name, ex.getMessage());
		}
		int year = instant.getYear();
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			throw AssessmentProblem.invalid(name,
					"'" + name + "' must lie between the years " + FIRST_YEAR + " and " + LAST_YEAR);
		}
		return instant;
	}

}
