package org.gridmap.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a draft against the rules grids must keep (无缝覆盖: no gaps, no overlaps; valid
 * polygons inside their community; sound codes; 300–500 households), with JTS in the
 * application: PostGIS 3.3 lacks the coverage functions. Each problem has a location a
 * map can show. Overlaps, gaps and parts outside the community at or below the area
 * tolerance are floating-point slivers, not errors; edges that do not match vertex for
 * vertex are found by {@link CoverageValidator} with the edge tolerance as gap width.
 */
final class Validation {

	private Validation() {
	}

	/** One problem found. {@code grids} holds draft keys. */
	record Problem(String code, String severity, List<String> grids, String community, String message, Double areaM2,
			Geometry location) {

		boolean isError() {
			return "error".equals(this.severity);
		}

		ObjectNode toJson() {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			out.put("code", this.code);
			out.put("severity", this.severity);
			ArrayNode keys = out.putArray("grids");
			this.grids.forEach(keys::add);
			out.put("community", this.community);
			out.put("message", this.message);
			if (this.areaM2 != null) {
				out.put("areaM2", Math.round(this.areaM2 * 10) / 10.0);
			}
			out.set("location", (this.location != null) ? GeoJsonOutput.write(this.location) : null);
			return out;
		}

	}

	/** What the database knows about codes given explicitly to new grids. */
	record CodeHistory(boolean liveElsewhere, boolean usedBefore) {
	}

	static List<Problem> run(Draft draft, PlanSettings settings, Measure measure, Map<String, CodeHistory> codes) {
		List<Problem> problems = new ArrayList<>();
		double tolerance = settings.areaToleranceM2;
		for (Draft.Failure failure : draft.failures) {
			problems.add(new Problem("change-failed", "error", List.of(), null, failure.message(), null, null));
		}
		Map<DraftGrid, Geometry> usable = new LinkedHashMap<>();
		for (DraftGrid grid : draft.grids.values()) {
			TopologyValidationError error = new IsValidOp(grid.geometry).getValidationError();
			if (error != null) {
				Coordinate at = error.getCoordinate();
				problems.add(new Problem("invalid-geometry", "error", List.of(grid.key), grid.community,
						"Grid " + label(grid) + " is not a valid polygon: " + error.getMessage(), null,
						(at != null) ? grid.geometry.getFactory().createPoint(at) : null));
				usable.put(grid, GeometryFixer.fix(grid.geometry));
			}
			else {
				usable.put(grid, grid.geometry);
			}
		}
		outsideParent(draft, usable, measure, tolerance, problems);
		// Grids whose edges all match their neighbours' cannot overlap them: only the
		// others
		// need the pairwise overlay (none at all for an exact coverage).
		Set<DraftGrid> suspect = edges(usable, measure.degrees(settings.edgeToleranceMetres), problems);
		overlaps(usable, suspect, measure, tolerance, problems);
		gaps(draft, usable, measure, tolerance, problems);
		households(draft, settings, problems);
		codes(draft, codes, problems);
		problems.sort(Comparator.comparing((Problem p) -> p.isError() ? 0 : 1));
		return problems;
	}

	private static void outsideParent(Draft draft, Map<DraftGrid, Geometry> usable, Measure measure, double tolerance,
			List<Problem> problems) {
		usable.forEach((grid, shape) -> {
			Community community = draft.communityByCode.get(grid.community);
			if (community == null) {
				problems.add(new Problem(
						"outside-parent", "error", List.of(grid.key), grid.community, "Grid " + label(grid)
								+ " belongs to community " + grid.community + ", which is not in this plan's area",
						measure.squareMetres(shape), shape));
				return;
			}
			if (community.prepared().covers(shape)) {
				return;
			}
			Geometry outside = polygonal(OverlayNGRobust.overlay(shape, community.geometry(), OverlayNG.DIFFERENCE));
			double area = measure.squareMetres(outside);
			if (area > tolerance) {
				problems.add(new Problem("outside-parent", "error", List.of(grid.key), grid.community,
						"Grid " + label(grid) + " reaches " + metres(area) + " m² outside " + community.name(), area,
						outside));
				double inside = shape.getArea() - outside.getArea();
				if (inside < shape.getArea() / 2) {
					draft.communities.stream()
						.filter((c) -> !c.code().equals(grid.community))
						.max(Comparator.comparingDouble(
								(c) -> OverlayNGRobust.overlay(c.geometry(), shape, OverlayNG.INTERSECTION).getArea()))
						.filter((c) -> c.prepared().intersects(shape))
						.ifPresent((other) -> problems.add(new Problem("wrong-community", "error", List.of(grid.key),
								grid.community, "Grid " + label(grid) + " lies mostly in " + other.name() + " ("
										+ other.code() + "), not in the community its code names",
								null, shape.getInteriorPoint())));
				}
			}
		});
	}

	private static void overlaps(Map<DraftGrid, Geometry> usable, Set<DraftGrid> suspect, Measure measure,
			double tolerance, List<Problem> problems) {
		STRtree index = new STRtree();
		List<DraftGrid> order = new ArrayList<>(usable.keySet());
		for (int i = 0; i < order.size(); i++) {
			index.insert(usable.get(order.get(i)).getEnvelopeInternal(), i);
		}
		index.build();
		for (int i = 0; i < order.size(); i++) {
			DraftGrid a = order.get(i);
			if (suspect.isEmpty()) {
				return;
			}
			Geometry shapeA = usable.get(a);
			PreparedGeometry prepared = PreparedGeometryFactory.prepare(shapeA);
			for (Object found : index.query(shapeA.getEnvelopeInternal())) {
				int j = (Integer) found;
				if (j <= i) {
					continue;
				}
				DraftGrid b = order.get(j);
				if (!suspect.contains(a) && !suspect.contains(b)) {
					continue;
				}
				Geometry shapeB = usable.get(b);
				if (!prepared.intersects(shapeB) || prepared.touches(shapeB)) {
					continue;
				}
				Geometry overlap = polygonal(OverlayNGRobust.overlay(shapeA, shapeB, OverlayNG.INTERSECTION));
				double area = measure.squareMetres(overlap);
				if (area > tolerance) {
					problems.add(new Problem("overlap", "error", List.of(a.key, b.key), a.community,
							"Grids " + label(a) + " and " + label(b) + " overlap by " + metres(area) + " m²", area,
							overlap));
				}
			}
		}
	}

	private static void gaps(Draft draft, Map<DraftGrid, Geometry> usable, Measure measure, double tolerance,
			List<Problem> problems) {
		for (Community community : draft.communities) {
			List<Map.Entry<DraftGrid, Geometry>> members = usable.entrySet()
				.stream()
				.filter((e) -> community.code().equals(e.getKey().community))
				.toList();
			if (members.isEmpty()) {
				problems.add(new Problem("empty-scope", "error", List.of(), community.code(),
						community.name() + " has no grids left", measure.squareMetres(community.geometry()),
						community.geometry()));
				continue;
			}
			Geometry covered = OverlayNGRobust.union(members.stream().map(Map.Entry::getValue).toList());
			Geometry gap = polygonal(OverlayNGRobust.overlay(community.geometry(), covered, OverlayNG.DIFFERENCE));
			for (Polygon part : GeoJsonInput.polygons(gap)) {
				double area = measure.squareMetres(part);
				if (area <= tolerance) {
					continue;
				}
				List<String> around = new ArrayList<>();
				for (Map.Entry<DraftGrid, Geometry> member : members) {
					if (member.getValue().getEnvelopeInternal().intersects(part.getEnvelopeInternal())
							&& member.getValue().distance(part) < Draft.ON_EDGE * 10) {
						around.add(member.getKey().key);
					}
				}
				problems.add(new Problem("gap", "error", around, community.code(),
						"Gap of " + metres(area) + " m² in " + community.name() + " not covered by any grid", area,
						part));
			}
		}
	}

	/** Edge mismatches as warnings; returns the grids that have any (or are invalid). */
	private static Set<DraftGrid> edges(Map<DraftGrid, Geometry> usable, double gapWidth, List<Problem> problems) {
		Set<DraftGrid> flagged = new HashSet<>();
		usable.forEach((grid, shape) -> {
			if (shape != grid.geometry) {
				flagged.add(grid);
			}
		});
		List<DraftGrid> order = new ArrayList<>(usable.keySet());
		Geometry[] coverage = order.stream().map(usable::get).toArray(Geometry[]::new);
		Geometry[] invalid = CoverageValidator.validate(coverage, gapWidth);
		for (int i = 0; i < invalid.length; i++) {
			if (invalid[i] != null && !invalid[i].isEmpty()) {
				DraftGrid grid = order.get(i);
				flagged.add(grid);
				problems.add(new Problem("edge-mismatch", "warning", List.of(grid.key), grid.community,
						"Edges of grid " + label(grid)
								+ " do not match its neighbours' vertex for vertex (slivers, overlaps or T-junctions)",
						null, invalid[i]));
			}
		}
		return flagged;
	}

	private static void households(Draft draft, PlanSettings settings, List<Problem> problems) {
		for (DraftGrid grid : draft.grids.values()) {
			PlanSettings.Range range = settings.households.get(grid.type);
			int households = grid.finalHouseholds();
			if (range != null && !range.contains(households)) {
				problems.add(new Problem(
						"households-out-of-range", "warning", List.of(grid.key), grid.community, "Grid " + label(grid)
								+ " has " + households + " households; " + grid.type + " grids should have " + range,
						null, grid.geometry.getInteriorPoint()));
			}
		}
	}

	private static void codes(Draft draft, Map<String, CodeHistory> history, List<Problem> problems) {
		Map<String, List<DraftGrid>> byCode = new TreeMap<>();
		for (DraftGrid grid : draft.grids.values()) {
			String code = grid.plannedCode;
			Geometry at = grid.geometry.getInteriorPoint();
			if (code == null || code.isEmpty()) {
				problems.add(new Problem("code-missing", "error", List.of(grid.key), grid.community,
						"Grid " + grid.key + " has no code", null, at));
				continue;
			}
			byCode.computeIfAbsent(code, (c) -> new ArrayList<>()).add(grid);
			if (!code.matches("^[0-9]{15}$")) {
				problems.add(new Problem("code-malformed", "error", List.of(grid.key), grid.community,
						"Code '" + PlanProblem.abbreviate(code)
								+ "' is not a grid code: 15 digits = 6 division + 3 street + 3 community + 3 sequence",
						null, at));
			}
			else if (!code.startsWith(grid.community)) {
				problems.add(new Problem("code-malformed", "error", List.of(grid.key), grid.community,
						"Code " + code + " does not start with its community's code " + grid.community, null, at));
			}
			CodeHistory facts = (grid.base == null && grid.code != null) ? history.get(grid.code) : null;
			if (facts != null && facts.liveElsewhere()) {
				problems.add(new Problem("code-duplicate", "error", List.of(grid.key), grid.community,
						"Code " + code + " is held by another live grid", null, at));
			}
			else if (facts != null && facts.usedBefore()) {
				problems.add(new Problem("code-reused", "warning", List.of(grid.key), grid.community,
						"Code " + code + " belonged to a grid in the past; reusing it joins two places in the history",
						null, at));
			}
		}
		byCode.forEach((code, holders) -> {
			if (holders.size() > 1) {
				problems.add(new Problem("code-duplicate", "error", holders.stream().map((g) -> g.key).toList(),
						holders.get(0).community,
						"Code " + PlanProblem.abbreviate(code) + " is given to " + holders.size() + " grids", null,
						holders.get(0).geometry.getInteriorPoint()));
			}
		});
	}

	/** The polygonal part of an overlay result (dropping collapsed lines and points). */
	static Geometry polygonal(Geometry geometry) {
		List<Polygon> parts = GeoJsonInput.polygons(geometry);
		if (geometry instanceof org.locationtech.jts.geom.GeometryCollection
				&& !(geometry instanceof org.locationtech.jts.geom.MultiPolygon)) {
			parts = new ArrayList<>();
			for (int i = 0; i < geometry.getNumGeometries(); i++) {
				parts.addAll(GeoJsonInput.polygons(geometry.getGeometryN(i)));
			}
		}
		if (parts.size() == 1) {
			return parts.get(0);
		}
		return geometry.getFactory().createMultiPolygon(parts.toArray(Polygon[]::new));
	}

	private static String label(DraftGrid grid) {
		return (grid.plannedCode != null) ? grid.plannedCode + ((grid.base == null) ? " (" + grid.key + ")" : "")
				: grid.key;
	}

	private static String metres(double area) {
		return String.format(java.util.Locale.ROOT, "%,.1f", area);
	}

}
