package org.gridmap.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * The draft grids of a plan: its base grids with its changes replayed on them, in order.
 * Derived on every read, never stored, so that any number of planners can add changes and
 * the result is always the log's. Geometry work is JTS: splitting polygonises the grid's
 * boundary noded with the line; merging is an OverlayNG union that must give one polygon.
 */
final class Draft {

	/** Vertices this close (degrees, ~0.1 mm) to an edge lie on it. */
	static final double ON_EDGE = 1e-9;

	final List<Community> communities;

	final Map<String, Community> communityByCode = new LinkedHashMap<>();

	final Map<String, BaseGrid> base = new LinkedHashMap<>();

	final Map<String, DraftGrid> grids = new LinkedHashMap<>();

	final List<Removed> removed = new ArrayList<>();

	/** Changes that could not be replayed (the base changed under them). */
	final List<Failure> failures = new ArrayList<>();

	/** Per change, the base grid versions it was made against: code → row id. */
	final Map<Integer, Map<String, Long>> baseVersions = new HashMap<>();

	/** Per change, the keys of the grids it touched or made. */
	final Map<Integer, List<String>> touched = new HashMap<>();

	/** The staff who move: merged grids' people join the kept grid. */
	final List<StaffMove> staffMoves = new ArrayList<>();

	Draft(List<Community> communities, List<BaseGrid> baseGrids) {
		this.communities = communities;
		communities.forEach((c) -> this.communityByCode.put(c.code(), c));
		for (BaseGrid grid : baseGrids) {
			this.base.put(grid.code(), grid);
			this.grids.put(grid.code(), new DraftGrid(grid.code(), grid));
		}
	}

	/** A grid of the base that is not in the draft any more. */
	record Removed(String key, String code, String reason, String into) {
	}

	record Failure(int seq, String kind, String message) {
	}

	record StaffMove(StaffMember person, String from, String to, String reason) {
	}

	/** A change that cannot be applied to the draft as it stands. */
	static final class NotApplicable extends RuntimeException {

		NotApplicable(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Applies one change.
	 * @throws NotApplicable when the change does not fit the draft; the draft is then
	 * unchanged
	 */
	void apply(int seq, Change change) {
		Map<String, Long> versions = new TreeMap<>();
		for (String key : change.grids()) {
			DraftGrid grid = this.grids.get(key);
			if (grid == null) {
				throw new NotApplicable("change " + seq + " (" + change.kind() + ") names grid " + key
						+ ", which is not in the draft (unknown, deleted or merged, or outside this plan's area)");
			}
			if (grid.base != null) {
				versions.put(grid.base.code(), grid.base.version());
			}
		}
		List<String> touchedKeys = new ArrayList<>(change.grids());
		if (change instanceof Change.Reshape reshape) {
			for (Change.Shape shape : reshape.shapes()) {
				this.grids.get(shape.grid()).reshape(shape.geometry());
			}
		}
		else if (change instanceof Change.Split split) {
			touchedKeys.addAll(split(seq, split));
		}
		else if (change instanceof Change.Merge merge) {
			merge(seq, merge);
		}
		else if (change instanceof Change.Create create) {
			touchedKeys.add(create(seq, create));
		}
		else if (change instanceof Change.Delete delete) {
			DraftGrid grid = this.grids.remove(delete.grid());
			if (grid.base != null) {
				this.removed.add(new Removed(grid.key, grid.code, "deleted", null));
			}
			for (StaffMember person : grid.staff) {
				this.staffMoves.add(new StaffMove(person, grid.ruleCode(), null, "deleted"));
			}
		}
		else if (change instanceof Change.Attributes attributes) {
			attributes(this.grids.get(attributes.grid()), attributes.set());
		}
		else if (change instanceof Change.Staff staff) {
			DraftGrid grid = this.grids.get(staff.grid());
			Set<StaffMember> kept = new HashSet<>(staff.staff());
			for (StaffMember person : grid.staff) {
				if (!kept.contains(person)) {
					this.staffMoves.add(new StaffMove(person, grid.ruleCode(), null, "replaced"));
				}
			}
			grid.staff = staff.staff();
			grid.staffChanged = true;
		}
		this.baseVersions.put(seq, versions);
		this.touched.put(seq, touchedKeys);
	}

	/** Replays a change, recording rather than throwing when it does not apply. */
	void applyLeniently(int seq, Change change) {
		try {
			apply(seq, change);
		}
		catch (NotApplicable ex) {
			this.failures.add(new Failure(seq, change.kind(), ex.getMessage()));
		}
	}

	private List<String> split(int seq, Change.Split split) {
		DraftGrid grid = this.grids.get(split.grid());
		Geometry shape = grid.geometry;
		if (!shape.isValid()) {
			throw new NotApplicable("grid " + grid.key + " is not a valid polygon; reshape it before splitting");
		}
		Geometry noded = OverlayNGRobust.overlay(shape.getBoundary(), split.line(), OverlayNG.UNION);
		Polygonizer polygonizer = new Polygonizer();
		polygonizer.add(noded);
		List<Polygon> pieces = new ArrayList<>();
		for (Object piece : polygonizer.getPolygons()) {
			Polygon polygon = (Polygon) piece;
			if (shape.contains(polygon.getInteriorPoint())) {
				pieces.add(polygon);
			}
		}
		if (pieces.size() <= shape.getNumGeometries()) {
			throw new NotApplicable("the line of change " + seq + " does not cut grid " + grid.key
					+ " into pieces; it must cross the grid from edge to edge");
		}
		pieces.sort(Comparator.comparingDouble(Polygon::getArea).reversed());
		Polygon largest = pieces.get(0);
		List<Polygon> others = new ArrayList<>(pieces.subList(1, pieces.size()));
		others.sort(Comparator.comparingDouble((Polygon p) -> -p.getCentroid().getY())
			.thenComparingDouble((p) -> p.getCentroid().getX()));
		Set<Coordinate> before = new HashSet<>(List.of(shape.getCoordinates()));
		grid.reshape(multi(largest));
		List<String> made = new ArrayList<>();
		for (int i = 0; i < others.size(); i++) {
			String key = "new:" + seq + "." + (i + 1);
			this.grids.put(key, grid.piece(key, i + 2, multi(others.get(i))));
			made.add(key);
		}
		// Where the line crossed the grid's outline there are new vertices; a neighbour
		// sharing that edge gets the same vertex, or the edges would no longer match.
		Geometry outline = shape.getBoundary();
		for (Polygon piece : pieces) {
			for (Coordinate c : piece.getCoordinates()) {
				if (!before.contains(c) && outline.distance(shape.getFactory().createPoint(c)) < ON_EDGE) {
					insertIntoNeighbours(c, grid.key, made);
					before.add(c);
				}
			}
		}
		return made;
	}

	private void insertIntoNeighbours(Coordinate c, String key, List<String> made) {
		Envelope around = new Envelope(c);
		around.expandBy(ON_EDGE);
		for (DraftGrid other : this.grids.values()) {
			if (other.key.equals(key) || made.contains(other.key)
					|| !other.geometry.getEnvelopeInternal().intersects(around)) {
				continue;
			}
			Geometry inserted = withVertex(other.geometry, c);
			if (inserted != null) {
				other.geometry = inserted;
				other.geometryChanged = true;
			}
		}
	}

	/** The geometry with {@code c} inserted into the edge it lies on, or null if none. */
	static Geometry withVertex(Geometry geometry, Coordinate c) {
		List<Polygon> polygons = GeoJsonInput.polygons(geometry);
		for (int p = 0; p < polygons.size(); p++) {
			Polygon polygon = polygons.get(p);
			LinearRing[] rings = new LinearRing[polygon.getNumInteriorRing() + 1];
			rings[0] = polygon.getExteriorRing();
			for (int i = 1; i < rings.length; i++) {
				rings[i] = polygon.getInteriorRingN(i - 1);
			}
			for (int r = 0; r < rings.length; r++) {
				Coordinate[] points = rings[r].getCoordinates();
				for (int i = 0; i + 1 < points.length; i++) {
					if (points[i].equals2D(c) || points[i + 1].equals2D(c)) {
						return null;
					}
					if (new org.locationtech.jts.geom.LineSegment(points[i], points[i + 1]).distance(c) < ON_EDGE) {
						Coordinate[] more = new Coordinate[points.length + 1];
						System.arraycopy(points, 0, more, 0, i + 1);
						more[i + 1] = c.copy();
						System.arraycopy(points, i + 1, more, i + 2, points.length - i - 1);
						rings[r] = geometry.getFactory().createLinearRing(more);
						Polygon changed = geometry.getFactory()
							.createPolygon(rings[0], java.util.Arrays.copyOfRange(rings, 1, rings.length));
						List<Polygon> all = new ArrayList<>(polygons);
						all.set(p, changed);
						return geometry.getFactory().createMultiPolygon(all.toArray(Polygon[]::new));
					}
				}
			}
		}
		return null;
	}

	private void merge(int seq, Change.Merge merge) {
		List<DraftGrid> merged = merge.grids().stream().map(this.grids::get).toList();
		String keepKey = merge.keep();
		if (keepKey == null) {
			keepKey = merged.stream()
				.filter((g) -> g.code != null)
				.map((g) -> g.code)
				.min(Comparator.naturalOrder())
				.orElse(merged.get(0).key);
		}
		for (DraftGrid grid : merged) {
			if (!grid.geometry.isValid()) {
				throw new NotApplicable("grid " + grid.key + " is not a valid polygon; reshape it before merging");
			}
		}
		Geometry union = OverlayNGRobust.union(merged.stream().map((g) -> g.geometry).toList());
		if (!(union instanceof Polygon polygon)) {
			throw new NotApplicable("the grids of change " + seq + " (" + String.join(", ", merge.grids())
					+ ") do not form one area; only grids sharing edges can be merged");
		}
		DraftGrid keep = this.grids.get(keepKey);
		keep.reshape(multi(polygon));
		for (DraftGrid grid : merged) {
			if (grid == keep) {
				continue;
			}
			this.grids.remove(grid.key);
			keep.sources.addAll(grid.sources);
			if (grid.base != null) {
				this.removed.add(new Removed(grid.key, grid.code, "merged", keep.key));
			}
			for (StaffMember person : grid.staff) {
				this.staffMoves.add(new StaffMove(person, grid.ruleCode(), keep.ruleCode(), "merged"));
			}
			if (!grid.staff.isEmpty()) {
				keep.addStaff(grid.staff);
			}
		}
	}

	private String create(int seq, Change.Create create) {
		String key = "new:" + seq + ".1";
		DraftGrid grid = new DraftGrid(key, null);
		grid.code = create.code();
		grid.name = create.name();
		grid.type = create.type();
		grid.households = create.households();
		grid.population = create.population();
		grid.hotline = create.hotline();
		grid.duties = create.duties();
		grid.staff = (create.staff() != null) ? create.staff() : List.of();
		grid.geometry = create.geometry();
		grid.geometryChanged = true;
		grid.community = communityOf(create.code(), create.geometry());
		this.grids.put(key, grid);
		return key;
	}

	private static void attributes(DraftGrid grid, Map<String, Object> set) {
		set.forEach((name, value) -> {
			switch (name) {
				case "name" -> grid.name = (String) value;
				case "type" -> grid.type = (String) value;
				case "households" -> grid.households = (Integer) value;
				case "population" -> grid.population = (Integer) value;
				case "hotline" -> grid.hotline = (String) value;
				case "duties" -> grid.duties = (String) value;
				default -> throw new IllegalArgumentException(name);
			}
		});
		grid.attributesChanged = true;
	}

	/**
	 * The community of a new grid: the one its code names when that is in scope, else the
	 * one it overlaps most, else the nearest.
	 */
	String communityOf(String code, Geometry geometry) {
		if (code != null && code.length() >= 12 && this.communityByCode.containsKey(code.substring(0, 12))) {
			return code.substring(0, 12);
		}
		Community best = null;
		double bestArea = 0;
		for (Community community : this.communities) {
			if (community.geometry().getEnvelopeInternal().intersects(geometry.getEnvelopeInternal())
					&& geometry.isValid()) {
				double area = OverlayNGRobust.overlay(community.geometry(), geometry, OverlayNG.INTERSECTION).getArea();
				if (area > bestArea) {
					bestArea = area;
					best = community;
				}
			}
		}
		if (best == null) {
			best = this.communities.stream()
				.min(Comparator.comparingDouble((c) -> c.geometry().distance(geometry)))
				.orElseThrow();
		}
		return best.code();
	}

	/**
	 * The code plan: every new grid without a given code gets its community's next free
	 * sequences, after the highest ever used there, in reading order (north → south in √n
	 * bands of equal height over the new grids' extent, west → east within a band).
	 * @param highestSequence per community, the highest sequence any version ever had
	 */
	void planCodes(Map<String, Integer> highestSequence) {
		Set<String> taken = new HashSet<>();
		for (DraftGrid grid : this.grids.values()) {
			grid.plannedCode = grid.code;
			if (grid.code != null) {
				taken.add(grid.code);
			}
		}
		Map<String, List<DraftGrid>> byCommunity = new TreeMap<>();
		for (DraftGrid grid : this.grids.values()) {
			if (grid.code == null) {
				byCommunity.computeIfAbsent(grid.community, (c) -> new ArrayList<>()).add(grid);
			}
		}
		byCommunity.forEach((community, fresh) -> {
			int next = highestSequence.getOrDefault(community, 0);
			for (DraftGrid grid : readingOrder(fresh)) {
				String code;
				do {
					next++;
					code = community + String.format("%03d", next);
				}
				while (taken.contains(code));
				taken.add(code);
				grid.plannedCode = code;
			}
		});
	}

	static List<DraftGrid> readingOrder(Collection<DraftGrid> grids) {
		Envelope all = new Envelope();
		Map<DraftGrid, Coordinate> centres = new HashMap<>();
		for (DraftGrid grid : grids) {
			Coordinate centre = grid.geometry.getCentroid().getCoordinate();
			if (centre == null) {
				centre = grid.geometry.getEnvelopeInternal().centre();
			}
			centres.put(grid, centre);
			all.expandToInclude(centre);
		}
		int rows = Math.max(1, (int) Math.round(Math.sqrt(grids.size())));
		Comparator<DraftGrid> byRow = Comparator.comparingInt((g) -> {
			if (all.getHeight() == 0) {
				return 0;
			}
			double fromTop = (all.getMaxY() - centres.get(g).y) / all.getHeight();
			return Math.min(rows - 1, (int) (fromTop * rows));
		});
		List<DraftGrid> sorted = new ArrayList<>(grids);
		sorted.sort(byRow.thenComparingDouble((g) -> centres.get(g).x).thenComparing((g) -> g.key));
		return sorted;
	}

	/** Population per household of the base grids a draft grid holds area of. */
	double populationPerHousehold(DraftGrid grid) {
		long people = 0;
		long households = 0;
		for (String source : grid.sources) {
			BaseGrid b = this.base.get(source);
			if (b != null) {
				people += b.population();
				households += b.households();
			}
		}
		if (households == 0) {
			for (BaseGrid b : this.base.values()) {
				people += b.population();
				households += b.households();
			}
		}
		return (households == 0) ? 0 : (double) people / households;
	}

	static Geometry multi(Polygon polygon) {
		return polygon.getFactory().createMultiPolygon(new Polygon[] { polygon });
	}

}
