package org.gridmap.incident;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a reporter gets back: the id and tracking code to follow the report by, where it
 * was assigned, its deadline, and open reports nearby that may be the same matter.
 *
 * @param gridCode null when the point is in no grid (the district desk handles it)
 * @param replayed true when this answers a retry under the same Idempotency-Key
 */
public record Receipt(long id, String trackingCode, String status, String matter, String gridCode,
		OffsetDateTime deadline, List<Long> possibleDuplicates, boolean replayed) {

	Receipt asReplay() {
		return new Receipt(this.id, this.trackingCode, this.status, this.matter, this.gridCode, this.deadline,
				this.possibleDuplicates, true);
	}

}
