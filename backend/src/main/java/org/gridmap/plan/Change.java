package org.gridmap.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridmap.geo.InputCrs;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One grid change of a plan, as the planner asked for it. Changes name grids by their key
 * (a live grid's code, or {@code new:{seq}.{n}} for grids a change created). They are
 * read from request bodies (strictly, see {@link GeoJsonInput}) and stored as normalised
 * JSON in WGS 84, from which the draft is replayed.
 */
sealed interface Change {

	Set<String> GRID_TYPES = Set.of("urban", "rural", "special");

	int MAX_GRIDS_PER_CHANGE = 500;

	String kind();

	/** The keys of the grids this change names (not those it creates). */
	List<String> grids();

	/** The kind-specific members, as stored in {@code plan_change.body}. */
	ObjectNode body();

	/** New geometries for existing draft grids, applied together. */
	record Reshape(List<Shape> shapes, boolean keepInvalid) implements Change {

		public String kind() {
			return "reshape";
		}

		public List<String> grids() {
			return this.shapes.stream().map(Shape::grid).toList();
		}

		public ObjectNode body() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			ArrayNode grids = out.putArray("grids");
			for (Shape shape : this.shapes) {
				ObjectNode item = grids.addObject();
				item.put("grid", shape.grid());
				item.set("geometry", GeoJsonOutput.write(shape.geometry()));
			}
			if (this.keepInvalid) {
				out.put("keepInvalid", true);
			}
			return out;
		}

	}

	record Shape(String grid, Geometry geometry) {
	}

	/** A line cuts a grid into pieces. */
	record Split(String grid, LineString line) implements Change {

		public String kind() {
			return "split";
		}

		public List<String> grids() {
			return List.of(this.grid);
		}

		public ObjectNode body() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			out.put("grid", this.grid);
			out.set("line", GeoJsonOutput.write(this.line));
			return out;
		}

	}

	/** Adjacent grids become one; {@code keep} (or the lowest code) survives. */
	record Merge(List<String> grids, String keep) implements Change {

		public String kind() {
			return "merge";
		}

		public ObjectNode body() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			ArrayNode grids = out.putArray("grids");
			this.grids.forEach(grids::add);
			if (this.keep != null) {
				out.put("keep", this.keep);
			}
			return out;
		}

	}

	/** A new grid. */
	record Create(String code, String name, String type, Integer households, Integer population, String hotline,
			String duties, List<StaffMember> staff, Geometry geometry, boolean keepInvalid) implements Change {

		public String kind() {
			return "create";
		}

		public List<String> grids() {
			return List.of();
		}

		public ObjectNode body() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			ObjectNode grid = out.putObject("grid");
			if (this.code != null) {
				grid.put("code", this.code);
			}
			grid.put("name", this.name);
			grid.put("type", this.type);
			if (this.households != null) {
				grid.put("households", this.households);
			}
			if (this.population != null) {
				grid.put("population", this.population);
			}
			grid.put("hotline", this.hotline);
			grid.put("duties", this.duties);
			if (this.staff != null) {
				ArrayNode people = grid.putArray("staff");
				this.staff.forEach((s) -> people.add(s.toJson()));
			}
			grid.set("geometry", GeoJsonOutput.write(this.geometry));
			if (this.keepInvalid) {
				out.put("keepInvalid", true);
			}
			return out;
		}

	}

	/** A grid is removed. */
	record Delete(String grid) implements Change {

		public String kind() {
			return "delete";
		}

		public List<String> grids() {
			return List.of(this.grid);
		}

		public ObjectNode body() {
			return GeoJsonOutput.NODES.objectNode().put("grid", this.grid);
		}

	}

	/**
	 * Attribute edits: only the members present are set; {@code null} clears hotline and
	 * duties.
	 */
	record Attributes(String grid, Map<String, Object> set) implements Change {

		public String kind() {
			return "attributes";
		}

		public List<String> grids() {
			return List.of(this.grid);
		}

		public ObjectNode body() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			out.put("grid", this.grid);
			ObjectNode values = out.putObject("set");
			this.set.forEach((name, value) -> {
				if (value == null) {
					values.putNull(name);
				}
				else if (value instanceof Integer i) {
					values.put(name, i);
				}
				else {
					values.put(name, value.toString());
				}
			});
			return out;
		}

	}

	/** The grid's notice-board staff, replaced. */
	record Staff(String grid, List<StaffMember> staff) implements Change {

		public String kind() {
			return "staff";
		}

		public List<String> grids() {
			return List.of(this.grid);
		}

		public ObjectNode body() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			out.put("grid", this.grid);
			ArrayNode people = out.putArray("staff");
			this.staff.forEach((s) -> people.add(s.toJson()));
			return out;
		}

	}

	/**
	 * Reads a change from a request body or from storage.
	 * @param node the change object ({@code kind} and its members)
	 * @param pointer its JSON Pointer in the request body
	 * @param input the strict GeoJSON reader
	 * @param crs the coordinate system of its positions
	 */
	static Change read(JsonNode node, String pointer, GeoJsonInput input, InputCrs crs) {
		if (node == null || !node.isObject()) {
			throw PlanProblem.invalid("change", pointer, "A change must be a JSON object with a 'kind'");
		}
		String kind = Fields.text(node, "kind", pointer, 1, 20, true);
		boolean keepInvalid = node.has("keepInvalid") && node.get("keepInvalid").asBoolean(false);
		return switch (kind) {
			case "reshape" -> {
				JsonNode grids = array(node, "grids", pointer, 1, MAX_GRIDS_PER_CHANGE);
				List<Shape> shapes = new ArrayList<>();
				Set<String> seen = new LinkedHashSet<>();
				for (int i = 0; i < grids.size(); i++) {
					String at = pointer + "/grids/" + i;
					JsonNode item = grids.get(i);
					if (!item.isObject()) {
						throw PlanProblem.invalid("grids", at, "Each item of 'grids' is {grid, geometry}");
					}
					String key = key(item, "grid", at);
					if (!seen.add(key)) {
						throw PlanProblem.invalid("grids", at + "/grid", "Grid " + key + " is reshaped twice");
					}
					shapes.add(new Shape(key,
							input.polygonal(item.get("geometry"), "geometry", at + "/geometry", crs, keepInvalid)));
				}
				yield new Reshape(List.copyOf(shapes), keepInvalid);
			}
			case "split" ->
				new Split(key(node, "grid", pointer), input.line(node.get("line"), "line", pointer + "/line", crs));
			case "merge" -> {
				JsonNode grids = array(node, "grids", pointer, 2, MAX_GRIDS_PER_CHANGE);
				Set<String> keys = new LinkedHashSet<>();
				for (int i = 0; i < grids.size(); i++) {
					JsonNode item = grids.get(i);
					if (!item.isString() || item.stringValue().isBlank()) {
						throw PlanProblem.invalid("grids", pointer + "/grids/" + i, "Grid keys are strings");
					}
					if (!keys.add(item.stringValue().strip())) {
						throw PlanProblem.invalid("grids", pointer + "/grids/" + i,
								"Grid " + PlanProblem.abbreviate(item.stringValue()) + " is named twice");
					}
				}
				String keep = Fields.text(node, "keep", pointer, 1, 40, false);
				if (keep != null && !keys.contains(keep)) {
					throw PlanProblem.invalid("keep", pointer + "/keep", "'keep' must be one of the merged grids");
				}
				yield new Merge(List.copyOf(keys), keep);
			}
			case "create" -> {
				JsonNode grid = node.get("grid");
				String at = pointer + "/grid";
				if (grid == null || !grid.isObject()) {
					throw PlanProblem.invalid("grid", at, "'grid' must be an object {geometry, name, type, …}");
				}
				String code = Fields.text(grid, "code", at, 0, 40, false);
				String name = Fields.text(grid, "name", at, 1, 200, true);
				String type = gridType(grid, at, true);
				List<StaffMember> staff = grid.has("staff") && !grid.get("staff").isNull() ? staff(grid, at) : null;
				yield new Create((code == null || code.isEmpty()) ? null : code, name, type,
						Fields.count(grid, "households", at), Fields.count(grid, "population", at),
						Fields.text(grid, "hotline", at, 0, 100, false),
						Fields.text(grid, "duties", at, 0, 2000, false), staff,
						input.polygonal(grid.get("geometry"), "geometry", at + "/geometry", crs, keepInvalid),
						keepInvalid);
			}
			case "delete" -> new Delete(key(node, "grid", pointer));
			case "attributes" -> {
				String key = key(node, "grid", pointer);
				JsonNode set = node.get("set");
				String at = pointer + "/set";
				if (set == null || !set.isObject() || set.size() == 0) {
					throw PlanProblem.invalid("set", at,
							"'set' must be an object with some of name, type, households, population, hotline, duties");
				}
				Map<String, Object> values = new LinkedHashMap<>();
				for (String name : set.propertyNames()) {
					switch (name) {
						case "name" -> values.put(name, Fields.text(set, name, at, 1, 200, true));
						case "type" -> values.put(name, gridType(set, at, true));
						case "households", "population" -> {
							if (set.get(name).isNull()) {
								throw PlanProblem.invalid(name, at + "/" + name, "'" + name + "' cannot be null");
							}
							values.put(name, Fields.count(set, name, at));
						}
						case "hotline" -> values.put(name, Fields.text(set, name, at, 0, 100, false));
						case "duties" -> values.put(name, Fields.text(set, name, at, 0, 2000, false));
						default -> throw PlanProblem.invalid("set", at + "/" + name,
								"Unknown attribute '" + PlanProblem.abbreviate(name)
										+ "'; attributes are name, type, households, population, "
										+ "hotline, duties (staff and geometry have their own change kinds)");
					}
				}
				yield new Attributes(key, values);
			}
			case "staff" -> new Staff(key(node, "grid", pointer), staff(node, pointer));
			default -> throw PlanProblem.invalid("kind", pointer + "/kind",
					"Unknown change kind '" + PlanProblem.abbreviate(kind)
							+ "'; kinds are reshape, split, merge, create, delete, attributes, staff");
		};
	}

	private static String key(JsonNode node, String name, String pointer) {
		return Fields.text(node, name, pointer, 1, 40, true);
	}

	private static String gridType(JsonNode node, String pointer, boolean required) {
		String type = Fields.text(node, "type", pointer, 1, 20, required);
		if (type != null && !GRID_TYPES.contains(type)) {
			throw PlanProblem.invalid("type", pointer + "/type",
					"A grid type is urban, rural or special, got '" + PlanProblem.abbreviate(type) + "'");
		}
		return type;
	}

	private static List<StaffMember> staff(JsonNode node, String pointer) {
		JsonNode people = array(node, "staff", pointer, 0, 100);
		List<StaffMember> out = new ArrayList<>();
		for (int i = 0; i < people.size(); i++) {
			out.add(StaffMember.read(people.get(i), pointer + "/staff/" + i));
		}
		return List.copyOf(out);
	}

	private static JsonNode array(JsonNode node, String name, String pointer, int min, int max) {
		JsonNode array = node.get(name);
		if (array == null || !array.isArray()) {
			throw PlanProblem.invalid(name, pointer + "/" + name, "'" + name + "' must be an array");
		}
		if (array.size() < min || array.size() > max) {
			throw PlanProblem.invalid(name, pointer + "/" + name,
					"'" + name + "' must hold " + min + "–" + max + " items, got " + array.size());
		}
		return array;
	}

}
