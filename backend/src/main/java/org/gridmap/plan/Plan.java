package org.gridmap.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A plan row, with its parent area and the number of changes in its log. */
record Plan(long id, String name, String parentCode, String parentLevel, String parentKind, String parentName,
		LocalDate effectiveDate, String status, int version, int changes, String createdBy, Instant createdAt,
		String updatedBy, Instant updatedAt, String publishedBy, Instant publishedAt, Instant effectiveAt,
		Instant appliedAt, String discardedBy, Instant discardedAt) {

	/** The strong ETag: one value per version of the plan. */
	String etag() {
		return "\"plan-" + this.id + "-" + this.version + "\"";
	}

	boolean isDraft() {
		return "draft".equals(this.status);
	}

	String streetCode() {
		return this.parentCode.substring(0, 9);
	}

	/**
	 * The instant the plan would take effect if published at {@code now}: midnight of its
	 * date in the district's zone, or now when the date is today (the past is not
	 * rewritten).
	 */
	Instant effectiveInstant(Instant now, ZoneId zone) {
		Instant midnight = this.effectiveDate.atStartOfDay(zone).toInstant();
		return midnight.isAfter(now) ? midnight : now;
	}

	ObjectNode toJson(List<String> communities) {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("id", this.id);
		out.put("name", this.name);
		ObjectNode parent = out.putObject("parent");
		parent.put("code", this.parentCode);
		parent.put("level", this.parentLevel);
		parent.put("kind", this.parentKind);
		parent.put("name", this.parentName);
		if (communities != null) {
			ArrayNode codes = out.putArray("communities");
			communities.forEach(codes::add);
		}
		out.put("effectiveDate", this.effectiveDate.toString());
		out.put("status", this.status);
		out.put("version", this.version);
		out.put("etag", etag());
		out.put("changes", this.changes);
		out.put("createdBy", this.createdBy);
		out.put("createdAt", text(this.createdAt));
		out.put("updatedBy", this.updatedBy);
		out.put("updatedAt", text(this.updatedAt));
		out.put("publishedBy", this.publishedBy);
		out.put("publishedAt", text(this.publishedAt));
		out.put("effectiveAt", text(this.effectiveAt));
		out.put("appliedAt", text(this.appliedAt));
		out.put("discardedBy", this.discardedBy);
		out.put("discardedAt", text(this.discardedAt));
		return out;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
