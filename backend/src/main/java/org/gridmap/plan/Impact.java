package org.gridmap.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.locationtech.jts.geom.Point;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a draft would change for people: every address point of the plan's area assigned
 * to a grid before (the base grids) and after (the draft grids) by the lookup rule, which
 * also gives the draft grids their household counts; the open incidents that would move;
 * the staff whose grid changes; and the codes new grids would get.
 */
final class Impact {

	/** The most incidents listed (the count is always complete). */
	static final int MAX_INCIDENTS = 1_000;

	private Impact() {
	}

	/** A household address point of the plan's area. */
	record AddressPoint(long id, int households, Point point) {
	}

	/** An open incident of the plan's area with the grid it is assigned to now. */
	record OpenIncident(long id, String trackingCode, String status, String grid, Point point) {
	}

	record Move(AddressPoint address, String from, DraftGrid to) {
	}

	/** Address counts before and after, per grid. */
	static final class Counts {

		final Map<String, int[]> before = new HashMap<>();

		final List<Move> moved = new ArrayList<>();

		long householdsMoved;

	}

	/**
	 * Assigns the address points to base and draft grids, sets the draft grids' counted
	 * households and addresses, and lists the addresses whose grid changes.
	 */
	static Counts count(Draft draft, List<AddressPoint> addresses) {
		Assignment<BaseGrid> before = new Assignment<>(draft.base.values(), BaseGrid::geometry, BaseGrid::code);
		Assignment<DraftGrid> after = new Assignment<>(draft.grids.values(), (g) -> g.geometry, DraftGrid::ruleCode);
		Counts counts = new Counts();
		for (DraftGrid grid : draft.grids.values()) {
			grid.countedHouseholds = 0;
			grid.countedAddresses = 0;
		}
		for (AddressPoint address : addresses) {
			BaseGrid old = before.at(address.point());
			DraftGrid now = after.at(address.point());
			if (old != null) {
				int[] tally = counts.before.computeIfAbsent(old.code(), (c) -> new int[2]);
				tally[0]++;
				tally[1] += address.households();
			}
			if (now != null) {
				now.countedAddresses++;
				now.countedHouseholds += address.households();
			}
			String from = (old != null) ? old.code() : null;
			String to = (now != null) ? now.plannedCode : null;
			if (!Objects.equals(from, to)) {
				counts.moved.add(new Move(address, from, now));
				counts.householdsMoved += address.households();
			}
		}
		return counts;
	}

	/** The report (see docs/planning.md), with addresses paged. */
	/** The ids of the moved addresses on one page of the report. */
	static List<Long> page(Counts counts, int offset, int limit) {
		List<Long> ids = new ArrayList<>();
		for (int i = offset; i < Math.min(counts.moved.size(), offset + (long) limit); i++) {
			ids.add(counts.moved.get(i).address().id());
		}
		return ids;
	}

	static ObjectNode report(Plan plan, Draft draft, Counts counts, List<OpenIncident> incidents, int offset, int limit,
			Map<Long, String> texts) {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("planId", plan.id());
		out.put("planVersion", plan.version());
		out.put("effectiveDate", plan.effectiveDate().toString());
		ArrayNode grids = out.putArray("grids");
		for (DraftGrid grid : draft.grids.values()) {
			int[] before = (grid.base != null) ? counts.before.getOrDefault(grid.base.code(), new int[2]) : new int[2];
			ObjectNode row = grids.addObject();
			row.put("key", grid.key);
			row.put("code", grid.code);
			row.put("plannedCode", grid.plannedCode);
			row.put("community", grid.community);
			row.put("state", grid.state());
			row.put("householdsBefore", before[1]);
			row.put("householdsAfter", grid.countedHouseholds);
			row.put("addressesBefore", before[0]);
			row.put("addressesAfter", grid.countedAddresses);
		}
		for (Draft.Removed removed : draft.removed) {
			int[] before = counts.before.getOrDefault(removed.code(), new int[2]);
			ObjectNode row = grids.addObject();
			row.put("key", removed.key());
			row.put("code", removed.code());
			row.putNull("plannedCode");
			row.put("community", draft.base.get(removed.code()).community());
			row.put("state", removed.reason());
			row.put("householdsBefore", before[1]);
			row.put("householdsAfter", 0);
			row.put("addressesBefore", before[0]);
			row.put("addressesAfter", 0);
		}
		ObjectNode addresses = out.putObject("addresses");
		addresses.put("moved", counts.moved.size());
		addresses.put("householdsMoved", counts.householdsMoved);
		addresses.put("offset", offset);
		addresses.put("limit", limit);
		ArrayNode items = addresses.putArray("items");
		for (int i = offset; i < Math.min(counts.moved.size(), offset + (long) limit); i++) {
			Move move = counts.moved.get(i);
			ObjectNode item = items.addObject();
			item.put("id", move.address().id());
			item.put("address", texts.get(move.address().id()));
			item.put("households", move.address().households());
			item.put("from", move.from());
			item.put("to", (move.to() != null) ? move.to().key : null);
			item.put("toCode", (move.to() != null) ? move.to().plannedCode : null);
		}
		Assignment<DraftGrid> after = new Assignment<>(draft.grids.values(), (g) -> g.geometry, DraftGrid::ruleCode);
		ObjectNode moving = out.putObject("incidents");
		ArrayNode listed = GeoJsonOutput.NODES.arrayNode();
		int moved = 0;
		for (OpenIncident incident : incidents) {
			DraftGrid now = after.at(incident.point());
			String to = (now != null) ? now.plannedCode : null;
			if (!Objects.equals(incident.grid(), to)) {
				moved++;
				if (listed.size() < MAX_INCIDENTS) {
					ObjectNode item = listed.addObject();
					item.put("id", incident.id());
					item.put("trackingCode", incident.trackingCode());
					item.put("status", incident.status());
					item.put("from", incident.grid());
					item.put("to", (now != null) ? now.key : null);
					item.put("toCode", to);
				}
			}
		}
		moving.put("moved", moved);
		moving.set("items", listed);
		ArrayNode staff = out.putArray("staff");
		for (Draft.StaffMove move : draft.staffMoves) {
			ObjectNode item = staff.addObject();
			item.put("name", move.person().name());
			item.put("role", move.person().role());
			item.put("from", move.from());
			item.put("to", move.to());
			item.put("reason", move.reason());
		}
		ArrayNode codePlan = out.putArray("codePlan");
		for (DraftGrid grid : draft.grids.values()) {
			if (grid.base == null) {
				Point centre = grid.geometry.getInteriorPoint();
				ObjectNode item = codePlan.addObject();
				item.put("key", grid.key);
				item.put("code", grid.plannedCode);
				item.put("community", grid.community);
				item.put("lon", centre.getX());
				item.put("lat", centre.getY());
			}
		}
		return out;
	}

}
