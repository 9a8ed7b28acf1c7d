package org.gridmap.plan;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person on a grid's notice board, as a plan sees them: role, name, public phone and
 * duties. The same rules as the {@code grid_staff} table's checks, applied where the
 * request enters.
 */
record StaffMember(String role, String name, String phone, String duties) {

	static final Set<String> ROLES = Set.of("grid_head", "full_time", "part_time", "party_leader", "police", "property",
			"mediator", "other");

	static StaffMember read(JsonNode node, String pointer) {
		if (node == null || !node.isObject()) {
			throw PlanProblem.invalid("staff", pointer, "A staff member must be an object {role, name, phone, duties}");
		}
		String role = Fields.text(node, "role", pointer, 1, 40, true);
		if (!ROLES.contains(role)) {
			throw PlanProblem.invalid("staff", pointer + "/role",
					"Unknown role '" + PlanProblem.abbreviate(role) + "'; roles are " + String.join(", ", ROLES));
		}
		String name = Fields.text(node, "name", pointer, 1, 100, true);
		String phone = Fields.text(node, "phone", pointer, 0, 30, false);
		if (phone != null && !phone.matches("^[0-9+() -]{3,30}$")) {
			throw PlanProblem.invalid("staff", pointer + "/phone",
					"A phone number has 3–30 digits, spaces, +, ( ) or -, got '" + PlanProblem.abbreviate(phone) + "'");
		}
		String duties = Fields.text(node, "duties", pointer, 0, 2000, false);
		return new StaffMember(role, name, phone, duties);
	}

	ObjectNode toJson() {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("role", this.role);
		out.put("name", this.name);
		out.put("phone", this.phone);
		out.put("duties", this.duties);
		return out;
	}

}
