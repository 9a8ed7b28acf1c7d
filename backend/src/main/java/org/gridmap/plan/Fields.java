package org.gridmap.plan;

import tools.jackson.databind.JsonNode;

/**
 * Reading the plain members of plan request bodies (texts and counts) with messages that
 * name the member and its JSON Pointer.
 */
final class Fields {

	private Fields() {
	}

	/**
	 * A string member, stripped; {@code null} when absent or null and not required.
	 * @param min shortest length allowed (after stripping) when present
	 */
	static String text(JsonNode object, String name, String pointer, int min, int max, boolean required) {
		JsonNode node = object.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				throw PlanProblem.invalid(name, pointer + "/" + name, "'" + name + "' is required");
			}
			return null;
		}
		if (!node.isString()) {
			throw PlanProblem.invalid(name, pointer + "/" + name, "'" + name + "' must be a string");
		}
		String wrong = org.gridmap.geo.TextInput.unstorable(node.stringValue());
		if (wrong != null) {
			throw PlanProblem.invalid(name, pointer + "/" + name, "'" + name + "' " + wrong);
		}
		String value = node.stringValue().strip();
		if (value.length() < min || value.length() > max) {
			throw PlanProblem.invalid(name, pointer + "/" + name,
					"'" + name + "' must have " + min + "–" + max + " characters, got " + value.length());
		}
		return value;
	}

	/** A non-negative whole number member; {@code null} when absent or null. */
	static Integer count(JsonNode object, String name, String pointer) {
		JsonNode node = object.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
			throw PlanProblem.invalid(name, pointer + "/" + name,
					"'" + name + "' must be a whole number from 0, got " + PlanProblem.abbreviate(node.toString()));
		}
		return node.intValue();
	}

	/** The author of a write: required, 1–100 characters. */
	static String author(JsonNode body, String pointer) {
		return text(body, "author", pointer, 1, 100, true);
	}

}
