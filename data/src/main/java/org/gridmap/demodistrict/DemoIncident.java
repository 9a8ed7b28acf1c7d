package org.gridmap.demodistrict;

import java.time.Instant;
import java.util.List;

/**
 * One demo incident 事件 with its whole timeline, as the backend stores it.
 *
 * @param trackingCode {@code GM} + local report date + {@code -} + 6 base-32 characters,
 * e.g. {@code GM20260714-7QK2ZD}; unique
 * @param matterCode the matter of the admitted-matters list
 * @param departmentCode the department owning the matter
 * @param description what the reporter said, in Chinese, with the place
 * @param address the nearest dwelling's compound and building (or rural house),
 * {@code null} outside the district
 * @param channel {@code app}, {@code wechat}, {@code hotline}, {@code grid_worker},
 * {@code open311} or {@code other}
 * @param status the status at the generator's end instant: the last event's
 * {@code toStatus}
 * @param reportedAt when it was reported: the first event's time
 * @param deadline {@code reportedAt} plus the matter's time limit
 * @param closedAt when it was closed, {@code null} unless closed
 * @param gridCode the grid whose interior holds the point, {@code null} outside every
 * grid
 * @param communityCode the grid's community, {@code null} without grid
 * @param streetCode the grid's street or township, {@code null} without grid
 * @param assignedWorker the grid's first full-time worker, {@code null} without grid
 * @param lon WGS 84 longitude, exact (private)
 * @param lat WGS 84 latitude, exact (private)
 * @param reporterName the resident who reported it, {@code null} for grid workers'
 * reports
 * @param reporterPhone the resident's mobile number, {@code null} for grid workers'
 * reports
 * @param rejectReason {@code invalid}, {@code duplicate} or {@code not_our_matter} when
 * rejected, else {@code null}
 * @param satisfaction 1 to 5 from the follow-up call, {@code null} when not rated
 * @param events the timeline, oldest first
 */
public record DemoIncident(String trackingCode, String matterCode, String departmentCode, String description,
		String address, String channel, String status, Instant reportedAt, Instant deadline, Instant closedAt,
		String gridCode, String communityCode, String streetCode, String assignedWorker, double lon, double lat,
		String reporterName, String reporterPhone, String rejectReason, Integer satisfaction, List<Event> events) {

	/**
	 * One step of the timeline.
	 *
	 * @param at when it happened
	 * @param action {@code report}, {@code register}, {@code reject}, {@code dispatch},
	 * {@code accept}, {@code handle}, {@code fail_verification}, {@code verify},
	 * {@code close} or {@code rate}
	 * @param fromStatus the status before, {@code null} for the report
	 * @param toStatus the status after
	 * @param actor who did it: a name or a department
	 * @param actorRole {@code public}, {@code grid_worker}, {@code dispatcher} or
	 * {@code department}
	 * @param note a remark in Chinese, may be {@code null}
	 */
	public record Event(Instant at, String action, String fromStatus, String toStatus, String actor, String actorRole,
			String note) {

	}

}
