package org.gridmap.hostile;

import java.util.Set;
import java.util.function.Predicate;

/**
 * One case of the hostile-input suite: a family (what kind of attack), a name, the
 * request, and what the service must answer.
 *
 * @param refusedWith the 4xx statuses allowed when the answer must be a refusal (empty:
 * any 4xx); null when the case is not a refusal case
 * @param benign for input a parameter legitimately accepts (search text, filters): a
 * request with a harmless nonsense value in its place; the answer must be a 4xx problem
 * or exactly the benign request's answer
 * @param accepted for input that is answered with 2xx by design and writes nothing (a
 * file preview reporting an invalid grid): what the 2xx body must show
 */
record HostileCase(String family, String name, HostileRequest request, Set<Integer> refusedWith, HostileRequest benign,
		Predicate<String> accepted) {

	static HostileCase refused(String family, String name, HostileRequest request, Integer... statuses) {
		return new HostileCase(family, name, request, Set.of(statuses), null, null);
	}

	static HostileCase harmless(String family, String name, HostileRequest request, HostileRequest benign) {
		return new HostileCase(family, name, request, null, benign, null);
	}

	static HostileCase accepted(String family, String name, HostileRequest request, Predicate<String> body) {
		return new HostileCase(family, name, request, null, null, body);
	}

	@Override
	public String toString() {
		return this.family + ": " + this.name;
	}

}
