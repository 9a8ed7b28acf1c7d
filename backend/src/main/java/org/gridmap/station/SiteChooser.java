package org.gridmap.station;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Greedy maximal coverage: k times, the candidate that adds the most still-uncovered
 * households. Greedy is within 1 − 1/e (63 %) of the best k sites (Nemhauser, Wolsey and
 * Fisher 1978) and is what planners can follow by hand. Lazy evaluation (CELF): a
 * candidate's gain only shrinks as sites are chosen, so its last computed gain is an
 * upper bound, and only the candidate on top of the queue is recomputed. Ties go to the
 * candidate listed first. Stops early when no candidate adds anything.
 */
final class SiteChooser {

	private SiteChooser() {
	}

	/**
	 * @param candidates each candidate's reachable uncovered addresses and their
	 * households
	 * @param k the most sites to choose
	 * @return the chosen sites in order, each with what it added
	 */
	static List<Choice> choose(List<Candidate> candidates, int k) {
		PriorityQueue<Entry> queue = new PriorityQueue<>(
				(a, b) -> (a.gain != b.gain) ? Long.compare(b.gain, a.gain) : Integer.compare(a.index, b.index));
		for (int i = 0; i < candidates.size(); i++) {
			queue.add(new Entry(i, candidates.get(i).totalHouseholds(), 0));
		}
		Set<Long> covered = new HashSet<>();
		List<Choice> chosen = new ArrayList<>();
		while (chosen.size() < k && !queue.isEmpty()) {
			Entry top = queue.poll();
			if (top.round != chosen.size()) {
				// stale bound: recompute against what is covered now and queue it again
				queue.add(new Entry(top.index, gain(candidates.get(top.index), covered)[0], chosen.size()));
				continue;
			}
			if (top.gain <= 0) {
				break;
			}
			Candidate candidate = candidates.get(top.index);
			long[] added = gain(candidate, covered);
			for (long id : candidate.ids()) {
				covered.add(id);
			}
			chosen.add(new Choice(top.index, added[0], (int) added[1]));
		}
		return chosen;
	}

	/** Households and addresses the candidate adds to {@code covered}. */
	private static long[] gain(Candidate candidate, Set<Long> covered) {
		long households = 0;
		long addresses = 0;
		long[] ids = candidate.ids();
		for (int i = 0; i < ids.length; i++) {
			if (!covered.contains(ids[i])) {
				households += candidate.households()[i];
				addresses++;
			}
		}
		return new long[] { households, addresses };
	}

	/** The uncovered addresses a candidate reaches, with their households. */
	record Candidate(long[] ids, int[] households) {

		long totalHouseholds() {
			long sum = 0;
			for (int h : this.households) {
				sum += h;
			}
			return sum;
		}

	}

	/** A chosen candidate (by index) and the households and addresses it added. */
	record Choice(int index, long households, int addresses) {
	}

	private record Entry(int index, long gain, int round) {
	}

}
