package org.gridmap.proposal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Partitions a community into compact, contiguous grids of about a target number of
 * households that cover it exactly. Pure JTS; the method is documented in
 * {@code docs/planning.md} (Proposed grids):
 * <ol>
 * <li><b>Atoms.</b> The address points (households summed per location) and, where the
 * community has no address for a while, lattice points of weight 0 are the sites of a
 * Voronoi diagram. Its cell edges and the community boundary are noded together with
 * snap-rounding on a 1e-10° grid (about 0.01 mm) and polygonized: the faces inside the
 * community are the atoms. They tile the community with shared edges that match vertex
 * for vertex, and every address point lies inside its own atom, never on an edge.</li>
 * <li><b>Regions.</b> {@code k = round(households / target)}, moved into
 * {@code [ceil(households / max), floor(households / min)]} when that range is not empty.
 * Recursive bisection: the atoms are cut across the longer axis of their extent at the
 * weighted quantile {@code floor(k/2)/k}, and each side is cut again until every part
 * holds one region's share. Straight cuts across the longer axis keep regions
 * compact.</li>
 * <li><b>Repairs.</b> A region whose atoms fall apart (a cut across a concave community)
 * keeps its heaviest piece; the other pieces join the neighbouring region they share the
 * longest edge with. Then boundary atoms move from heavier to lighter neighbouring
 * regions while that lowers the variance of households, never disconnecting a region,
 * preferring atoms that shorten the boundary.</li>
 * <li><b>Grids.</b> Each region's atoms are unioned ({@link CoverageUnion}, exact because
 * the edges match): the grids cover the community with no gap and no overlap, and
 * neighbouring grids share their vertices.</li>
 * </ol>
 * Separate parts of a community (islands) are partitioned separately, so every grid is
 * one polygon. Households cannot be balanced finer than one address point: a point with
 * 600 households makes a grid above 500.
 */
final class Partitioner {

	/**
	 * Snap-rounding grid: 1e-10 degree, about 0.01 mm. Keeps inputs of up to 10 decimals
	 * exact; where a cut meets the outline, the new vertex is off the outline's segment
	 * by at most this, so that the plan's 1e-9° on-edge test finds it to insert it into
	 * the neighbouring community's grid.
	 */
	static final PrecisionModel PRECISION = new PrecisionModel(1e10);

	/** About this many lattice cells per region. */
	static final int ATOMS_PER_REGION = 40;

	/** Atoms are divided until they hold at most 1/20 of the target households. */
	static final int ATOM_SHARE = 20;

	/** Bounds the lattice for an odd, huge envelope. */
	static final int MAX_LATTICE = 40_000;

	/** Balancing stops once every region is this close to the mean (as a fraction). */
	static final double BALANCE_TOLERANCE = 0.02;

	private final GeometryFactory factory;

	Partitioner(GeometryFactory factory) {
		this.factory = factory;
	}

	/** One address location: households and addresses counted at it. */
	record Site(Coordinate at, int households, int addresses) {
	}

	/** The household range per grid and the target in it. */
	record Targets(int target, int min, int max) {

		Targets {
			if (min < 0 || target < min || max < target || target < 1) {
				throw new IllegalArgumentException("Need 0 <= min <= target <= max and target >= 1, got min " + min
						+ ", target " + target + ", max " + max);
			}
		}

		/** How many regions a part with this many households gets. */
		int regions(long households) {
			long k = Math.max(1, Math.round((double) households / this.target));
			long low = Math.max(1, (this.max > 0) ? ceilDiv(households, this.max) : 1);
			long high = (this.min > 0) ? households / this.min : Long.MAX_VALUE;
			if (low <= high) {
				k = Math.max(low, Math.min(high, k));
			}
			return (int) Math.min(k, 10_000);
		}

		private static long ceilDiv(long a, long b) {
			return (a + b - 1) / b;
		}

	}

	/** One proposed grid. */
	record Region(Geometry geometry, int households, int addresses, double areaM2, double polsbyPopper) {
	}

	/**
	 * The proposal, with the number of atoms, of distinct address locations and of
	 * Voronoi sites (for the method report).
	 */
	record Result(List<Region> regions, int atoms, int locations, int sites) {
	}

	/** An atom of the partition: one face, its weight and its neighbours. */
	private static final class Atom {

		final Polygon face;

		final Coordinate centre;

		final double areaM2;

		int households;

		int addresses;

		int region = -1;

		/** Neighbour atom index → shared edge length in metres. */
		final Map<Integer, Double> neighbours = new HashMap<>();

		Atom(Polygon face, Coordinate centre, double areaM2) {
			this.face = face;
			this.centre = centre;
			this.areaM2 = areaM2;
		}

	}

	/**
	 * Partitions the community.
	 * @param community a Polygon or MultiPolygon in WGS 84
	 * @param points the address points (households and addresses per location); points
	 * outside the community are ignored
	 */
	Result partition(Geometry community, List<Site> points, Targets targets) {
		if (!(community instanceof Polygonal) || community.isEmpty() || !community.isValid()) {
			throw new IllegalArgumentException("The community must be a valid, non-empty polygon");
		}
		LocalMetres metres = LocalMetres.at(community);
		PreparedGeometry prepared = PreparedGeometryFactory.prepare(community);
		Map<Coordinate, Site> merged = mergeSites(points, prepared);
		long households = merged.values().stream().mapToLong(Site::households).sum();
		int k = targets.regions(households);
		List<Coordinate> sites = sites(community, prepared, metres, merged.values(), k, targets);
		List<Atom> atoms = atoms(community, prepared, metres, sites, merged.values());
		int[] regionCount = { 0 };
		for (int[] component : components(atoms)) {
			long weight = Arrays.stream(component).mapToLong((i) -> atoms.get(i).households).sum();
			List<int[]> parts = new ArrayList<>();
			bisect(atoms, component, targets.regions(weight), metres, parts);
			for (int[] part : parts) {
				for (int i : part) {
					atoms.get(i).region = regionCount[0];
				}
				regionCount[0]++;
			}
		}
		int regions = regionCount[0];
		repairContiguity(atoms, regions);
		balance(atoms, regions);
		smooth(atoms, regions);
		return new Result(regionGeometries(atoms, regions, metres), atoms.size(), merged.size(), sites.size());
	}

	private static Map<Coordinate, Site> mergeSites(List<Site> points, PreparedGeometry community) {
		Map<Coordinate, Site> merged = new LinkedHashMap<>();
		GeometryFactory factory = community.getGeometry().getFactory();
		for (Site site : points) {
			Coordinate at = new Coordinate(PRECISION.makePrecise(site.at().x), PRECISION.makePrecise(site.at().y));
			if (!community.intersects(factory.createPoint(at))) {
				continue;
			}
			merged.merge(at, new Site(at, site.households(), site.addresses()),
					(a, b) -> new Site(at, a.households() + b.households(), a.addresses() + b.addresses()));
		}
		return merged;
	}

	/**
	 * The Voronoi sites: a lattice of about {@link #ATOMS_PER_REGION} cells per region
	 * over the community; an empty cell inside it gives its centre (fields and parks
	 * become atoms of their own), a cell with addresses is divided like a quadtree until
	 * each part holds at most 1/{@link #ATOM_SHARE} of the target households (or one
	 * location) and gives the households' centre of each part. Dense blocks thus get
	 * small atoms, and the number of atoms stays a few hundred however many addresses
	 * there are.
	 */
	private List<Coordinate> sites(Geometry community, PreparedGeometry prepared, LocalMetres metres,
			Collection<Site> points, int k, Targets targets) {
		double step = Math.sqrt(metres.area(community) / ((double) ATOMS_PER_REGION * k));
		Envelope env = community.getEnvelopeInternal();
		double dx = Math.max(step / metres.kx, 1e-6);
		double dy = Math.max(step / metres.ky, 1e-6);
		double cells = (env.getWidth() / dx + 1) * (env.getHeight() / dy + 1);
		if (cells > MAX_LATTICE) {
			double scale = Math.sqrt(cells / MAX_LATTICE);
			dx *= scale;
			dy *= scale;
		}
		int columns = (int) Math.ceil(env.getWidth() / dx) + 1;
		int rows = (int) Math.ceil(env.getHeight() / dy) + 1;
		Map<Long, List<Site>> bins = new HashMap<>();
		for (Site site : points) {
			long column = Math.min(columns - 1, (long) ((site.at().x - env.getMinX()) / dx));
			long row = Math.min(rows - 1, (long) ((site.at().y - env.getMinY()) / dy));
			bins.computeIfAbsent(row * columns + column, (key) -> new ArrayList<>()).add(site);
		}
		int cap = Math.max(1, targets.target() / ATOM_SHARE);
		Set<Coordinate> sites = new LinkedHashSet<>();
		for (int row = 0; row < rows; row++) {
			for (int column = 0; column < columns; column++) {
				double x = env.getMinX() + column * dx;
				double y = env.getMinY() + row * dy;
				List<Site> inside = bins.get((long) row * columns + column);
				if (inside != null) {
					divide(inside, new Envelope(x, x + dx, y, y + dy), cap, 0, sites);
					continue;
				}
				Coordinate centre = precise(x + dx / 2, y + dy / 2);
				if (prepared.contains(this.factory.createPoint(centre))) {
					sites.add(centre);
				}
			}
		}
		if (sites.isEmpty()) {
			// a sliver thinner than the lattice: one site inside it
			sites.add(community.getInteriorPoint().getCoordinate());
		}
		return new ArrayList<>(sites);
	}

	private static void divide(List<Site> inside, Envelope cell, int cap, int depth, Set<Coordinate> out) {
		long households = inside.stream().mapToLong(Site::households).sum();
		if (households <= cap || inside.size() == 1 || depth >= 16) {
			double weight = 0;
			double x = 0;
			double y = 0;
			for (Site site : inside) {
				// addresses without households still pull their part's centre a little
				double w = Math.max(site.households(), 1e-3);
				weight += w;
				x += w * site.at().x;
				y += w * site.at().y;
			}
			out.add(precise(x / weight, y / weight));
			return;
		}
		Coordinate middle = cell.centre();
		List<List<Site>> quarters = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (Site site : inside) {
			quarters.get(((site.at().x < middle.x) ? 0 : 1) + ((site.at().y < middle.y) ? 0 : 2)).add(site);
		}
		for (int q = 0; q < 4; q++) {
			if (!quarters.get(q).isEmpty()) {
				Envelope quarter = new Envelope((q % 2 == 0) ? cell.getMinX() : middle.x,
						(q % 2 == 0) ? middle.x : cell.getMaxX(), (q < 2) ? cell.getMinY() : middle.y,
						(q < 2) ? middle.y : cell.getMaxY());
				divide(quarters.get(q), quarter, cap, depth + 1, out);
			}
		}
	}

	private static Coordinate precise(double x, double y) {
		return new Coordinate(PRECISION.makePrecise(x), PRECISION.makePrecise(y));
	}

	/**
	 * The Voronoi faces inside the community, weighted by the address points they hold (a
	 * point on a shared edge counts once, in the first face found).
	 */
	private List<Atom> atoms(Geometry community, PreparedGeometry prepared, LocalMetres metres, List<Coordinate> sites,
			Collection<Site> points) {
		List<Geometry> lines = new ArrayList<>();
		lines.add(community.getBoundary());
		if (sites.size() > 1) {
			Envelope clip = new Envelope(community.getEnvelopeInternal());
			clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()));
			VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
			voronoi.setSites(sites);
			voronoi.setClipEnvelope(clip);
			Geometry cells = voronoi.getDiagram(this.factory);
			for (int i = 0; i < cells.getNumGeometries(); i++) {
				Geometry cell = cells.getGeometryN(i);
				if (prepared.intersects(cell)) {
					lines.add(cell.getBoundary());
				}
			}
		}
		Geometry noded = UnaryUnionNG.union(this.factory.buildGeometry(lines), PRECISION);
		Polygonizer polygonizer = new Polygonizer();
		polygonizer.add(noded);
		List<Atom> atoms = new ArrayList<>();
		STRtree index = new STRtree();
		for (Object face : polygonizer.getPolygons()) {
			Polygon polygon = (Polygon) face;
			if (polygon.isEmpty() || !prepared.intersects(polygon.getInteriorPoint())) {
				continue;
			}
			Atom atom = new Atom(polygon, polygon.getCentroid().getCoordinate(), metres.area(polygon));
			index.insert(polygon.getEnvelopeInternal(), atom);
			atoms.add(atom);
		}
		for (Site site : points) {
			Point at = this.factory.createPoint(site.at());
			Atom home = null;
			for (Object candidate : index.query(new Envelope(site.at()))) {
				Atom atom = (Atom) candidate;
				if (atom.face.covers(at)) {
					home = atom;
					break;
				}
			}
			if (home == null) {
				// on the outline, where snap-rounding moved it by a hair: the nearest
				// face
				double nearest = Double.MAX_VALUE;
				for (Atom atom : atoms) {
					double distance = atom.face.distance(at);
					if (distance < nearest) {
						nearest = distance;
						home = atom;
					}
				}
			}
			if (home != null) {
				home.households += site.households();
				home.addresses += site.addresses();
			}
		}
		link(atoms, metres);
		return atoms;
	}

	/**
	 * Neighbours share an edge segment: the noded faces repeat its coordinates exactly.
	 */
	private static void link(List<Atom> atoms, LocalMetres metres) {
		record Segment(double x1, double y1, double x2, double y2) {
			static Segment of(Coordinate a, Coordinate b) {
				boolean ordered = a.x < b.x || (a.x == b.x && a.y <= b.y);
				return ordered ? new Segment(a.x, a.y, b.x, b.y) : new Segment(b.x, b.y, a.x, a.y);
			}
		}
		Map<Segment, Integer> firstFace = new HashMap<>();
		for (int i = 0; i < atoms.size(); i++) {
			Polygon face = atoms.get(i).face;
			for (int r = -1; r < face.getNumInteriorRing(); r++) {
				LineString ring = (r < 0) ? face.getExteriorRing() : face.getInteriorRingN(r);
				for (int v = 1; v < ring.getNumPoints(); v++) {
					Coordinate a = ring.getCoordinateN(v - 1);
					Coordinate b = ring.getCoordinateN(v);
					Integer other = firstFace.putIfAbsent(Segment.of(a, b), i);
					if (other != null && other != i) {
						double length = metres.length(a, b);
						atoms.get(i).neighbours.merge(other, length, Double::sum);
						atoms.get(other).neighbours.merge(i, length, Double::sum);
					}
				}
			}
		}
	}

	/** Connected parts of the atom graph (the community's islands), largest first. */
	private static List<int[]> components(List<Atom> atoms) {
		int[] seen = new int[atoms.size()];
		Arrays.fill(seen, -1);
		List<int[]> components = new ArrayList<>();
		for (int start = 0; start < atoms.size(); start++) {
			if (seen[start] >= 0) {
				continue;
			}
			List<Integer> members = new ArrayList<>();
			ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
			seen[start] = components.size();
			while (!queue.isEmpty()) {
				int i = queue.poll();
				members.add(i);
				for (int n : atoms.get(i).neighbours.keySet()) {
					if (seen[n] < 0) {
						seen[n] = components.size();
						queue.add(n);
					}
				}
			}
			components.add(members.stream().mapToInt(Integer::intValue).toArray());
		}
		return components;
	}

	/**
	 * Splits the atoms into k parts, recursively: each step tries straight cuts in
	 * {@link #DIRECTIONS} directions, each at the weighted quantile floor(k/2)/k (and
	 * ceil(k/2)/k when k is odd), and keeps the cut that leaves both sides in one piece
	 * with the shortest boundary between them (the "shortest splitline" rule of
	 * redistricting, on atoms).
	 */
	private static void bisect(List<Atom> atoms, int[] part, int k, LocalMetres metres, List<int[]> out) {
		if (k <= 1 || part.length <= 1) {
			out.add(part);
			return;
		}
		double weight = 0;
		double area = 0;
		for (int i : part) {
			weight += atoms.get(i).households;
			area += atoms.get(i).areaM2;
		}
		int[] side = new int[atoms.size()];
		Cut best = null;
		for (int d = 0; d < DIRECTIONS; d++) {
			double angle = Math.PI * d / DIRECTIONS;
			double ux = Math.cos(angle) * metres.kx;
			double uy = Math.sin(angle) * metres.ky;
			int[] sorted = Arrays.stream(part)
				.boxed()
				.sorted(Comparator
					.comparingDouble((Integer i) -> atoms.get(i).centre.x * ux + atoms.get(i).centre.y * uy)
					.thenComparingInt((i) -> i))
				.mapToInt(Integer::intValue)
				.toArray();
			for (int k1 : (k % 2 == 0) ? new int[] { k / 2 } : new int[] { k / 2, k - k / 2 }) {
				int index = quantile(atoms, sorted, weight, area, (double) k1 / k);
				Arrays.fill(side, 0);
				for (int j = 0; j < sorted.length; j++) {
					side[sorted[j]] = (j < index) ? 1 : 2;
				}
				Cut cut = new Cut(sorted, index, k1, strayPieces(atoms, sorted, side), cutLength(atoms, sorted, side));
				if (best == null || cut.betterThan(best)) {
					best = cut;
				}
			}
		}
		bisect(atoms, Arrays.copyOfRange(best.sorted, 0, best.index), best.k1, metres, out);
		bisect(atoms, Arrays.copyOfRange(best.sorted, best.index, best.sorted.length), k - best.k1, metres, out);
	}

	/** Straight-cut directions tried per split (every 15°). */
	static final int DIRECTIONS = 12;

	private record Cut(int[] sorted, int index, int k1, int strayPieces, double length) {

		boolean betterThan(Cut other) {
			return (this.strayPieces != other.strayPieces) ? this.strayPieces < other.strayPieces
					: this.length < other.length;
		}

	}

	/**
	 * The cut position (atoms before it go to the first side) whose cumulative households
	 * come closest to the fraction; among equally good positions (empty atoms between
	 * them) the one nearest the same fraction of the area. With no households at all, the
	 * area alone.
	 */
	private static int quantile(List<Atom> atoms, int[] sorted, double weight, double area, double fraction) {
		boolean byArea = weight == 0;
		double goal = (byArea ? area : weight) * fraction;
		double areaGoal = area * fraction;
		int best = 1;
		double bestMiss = Double.MAX_VALUE;
		double bestAreaMiss = Double.MAX_VALUE;
		double cumulative = 0;
		double cumulativeArea = 0;
		for (int cut = 1; cut < sorted.length; cut++) {
			Atom previous = atoms.get(sorted[cut - 1]);
			cumulative += byArea ? previous.areaM2 : previous.households;
			cumulativeArea += previous.areaM2;
			double miss = Math.abs(cumulative - goal);
			double areaMiss = Math.abs(cumulativeArea - areaGoal);
			if (miss < bestMiss || (miss == bestMiss && areaMiss < bestAreaMiss)) {
				best = cut;
				bestMiss = miss;
				bestAreaMiss = areaMiss;
			}
		}
		return best;
	}

	/** Length of the boundary between side 1 and side 2. */
	private static double cutLength(List<Atom> atoms, int[] members, int[] side) {
		double length = 0;
		for (int i : members) {
			if (side[i] == 1) {
				for (Map.Entry<Integer, Double> n : atoms.get(i).neighbours.entrySet()) {
					if (side[n.getKey()] == 2) {
						length += n.getValue();
					}
				}
			}
		}
		return length;
	}

	/** How many pieces the two sides have beyond one each. */
	private static int strayPieces(List<Atom> atoms, int[] members, int[] side) {
		boolean[] seen = new boolean[atoms.size()];
		int pieces = 0;
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int start : members) {
			if (seen[start]) {
				continue;
			}
			pieces++;
			seen[start] = true;
			queue.add(start);
			while (!queue.isEmpty()) {
				int i = queue.poll();
				for (int n : atoms.get(i).neighbours.keySet()) {
					if (!seen[n] && side[n] == side[i]) {
						seen[n] = true;
						queue.add(n);
					}
				}
			}
		}
		return Math.max(0, pieces - 2);
	}

	/**
	 * Gives the stray pieces of a region (cut off by a straight cut across a concave
	 * community) to the neighbouring region they share most edge with.
	 */
	private static void repairContiguity(List<Atom> atoms, int regions) {
		for (int round = 0; round < 100; round++) {
			boolean changed = false;
			for (int r = 0; r < regions; r++) {
				List<List<Integer>> pieces = pieces(atoms, r);
				if (pieces.size() <= 1) {
					continue;
				}
				pieces.sort(Comparator.<List<Integer>>comparingLong((p) -> weight(atoms, p))
					.thenComparingDouble((p) -> area(atoms, p))
					.reversed());
				int region = r;
				for (List<Integer> piece : pieces.subList(1, pieces.size())) {
					Map<Integer, Double> shared = new HashMap<>();
					for (int i : piece) {
						atoms.get(i).neighbours.forEach((n, length) -> {
							int other = atoms.get(n).region;
							if (other != region) {
								shared.merge(other, length, Double::sum);
							}
						});
					}
					shared.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent((target) -> {
						piece.forEach((i) -> atoms.get(i).region = target.getKey());
					});
					changed |= !shared.isEmpty();
				}
			}
			if (!changed) {
				return;
			}
		}
	}

	private static List<List<Integer>> pieces(List<Atom> atoms, int region) {
		List<List<Integer>> pieces = new ArrayList<>();
		boolean[] seen = new boolean[atoms.size()];
		for (int start = 0; start < atoms.size(); start++) {
			if (seen[start] || atoms.get(start).region != region) {
				continue;
			}
			List<Integer> piece = new ArrayList<>();
			ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
			seen[start] = true;
			while (!queue.isEmpty()) {
				int i = queue.poll();
				piece.add(i);
				for (int n : atoms.get(i).neighbours.keySet()) {
					if (!seen[n] && atoms.get(n).region == region) {
						seen[n] = true;
						queue.add(n);
					}
				}
			}
			pieces.add(piece);
		}
		return pieces;
	}

	/**
	 * Moves boundary atoms from heavier to lighter neighbouring regions while the
	 * variance of households drops, keeping every region connected and preferring atoms
	 * that shorten the boundary between the two.
	 */
	private static void balance(List<Atom> atoms, int regions) {
		long[] households = new long[regions];
		int[] size = new int[regions];
		for (Atom atom : atoms) {
			households[atom.region] += atom.households;
			size[atom.region]++;
		}
		double mean = Arrays.stream(households).sum() / (double) regions;
		double tolerance = Math.max(1, BALANCE_TOLERANCE * mean);
		for (int move = 0; move < 20 * atoms.size(); move++) {
			boolean unbalanced = false;
			for (long h : households) {
				unbalanced |= Math.abs(h - mean) > tolerance;
			}
			if (!unbalanced) {
				return;
			}
			int bestAtom = -1;
			int bestTarget = -1;
			double bestScore = 0;
			for (int i = 0; i < atoms.size(); i++) {
				Atom atom = atoms.get(i);
				int from = atom.region;
				if (atom.households == 0 || size[from] <= 1) {
					continue;
				}
				Map<Integer, Double> shared = new HashMap<>();
				double own = 0;
				for (Map.Entry<Integer, Double> n : atom.neighbours.entrySet()) {
					int other = atoms.get(n.getKey()).region;
					if (other == from) {
						own += n.getValue();
					}
					else {
						shared.merge(other, n.getValue(), Double::sum);
					}
				}
				for (Map.Entry<Integer, Double> candidate : shared.entrySet()) {
					int to = candidate.getKey();
					long w = atom.households;
					double gain = sq(households[from] - mean) + sq(households[to] - mean)
							- sq(households[from] - w - mean) - sq(households[to] + w - mean);
					if (gain <= 0) {
						continue;
					}
					// boundary that the move adds (own edges) against what it removes
					double lengthening = Math.max(0, own - candidate.getValue());
					double score = gain / (1 + lengthening / (candidate.getValue() + 1));
					if (score > bestScore && staysConnected(atoms, i)) {
						bestScore = score;
						bestAtom = i;
						bestTarget = to;
					}
				}
			}
			if (bestAtom < 0) {
				return;
			}
			Atom atom = atoms.get(bestAtom);
			households[atom.region] -= atom.households;
			size[atom.region]--;
			households[bestTarget] += atom.households;
			size[bestTarget]++;
			atom.region = bestTarget;
		}
	}

	/**
	 * Moves atoms that share more edge with a neighbouring region than with their own to
	 * that region, while both regions stay as balanced as before or within the balance
	 * tolerance: Voronoi edges between scattered addresses make ragged boundaries, and
	 * every such move shortens them.
	 */
	private static void smooth(List<Atom> atoms, int regions) {
		long[] households = new long[regions];
		int[] size = new int[regions];
		for (Atom atom : atoms) {
			households[atom.region] += atom.households;
			size[atom.region]++;
		}
		double mean = Arrays.stream(households).sum() / (double) regions;
		double tolerance = Math.max(1, BALANCE_TOLERANCE * mean);
		for (int pass = 0; pass < 100; pass++) {
			int moved = 0;
			for (int i = 0; i < atoms.size(); i++) {
				Atom atom = atoms.get(i);
				int from = atom.region;
				if (size[from] <= 1) {
					continue;
				}
				Map<Integer, Double> shared = new HashMap<>();
				double own = 0;
				for (Map.Entry<Integer, Double> n : atom.neighbours.entrySet()) {
					int other = atoms.get(n.getKey()).region;
					if (other == from) {
						own += n.getValue();
					}
					else {
						shared.merge(other, n.getValue(), Double::sum);
					}
				}
				Map.Entry<Integer, Double> target = shared.entrySet()
					.stream()
					.max(Map.Entry.comparingByValue())
					.orElse(null);
				// 1 % more, so that rounding never moves an atom back and forth
				if (target == null || target.getValue() <= own * 1.01) {
					continue;
				}
				int to = target.getKey();
				long w = atom.households;
				double before = Math.max(Math.abs(households[from] - mean), Math.abs(households[to] - mean));
				double after = Math.max(Math.abs(households[from] - w - mean), Math.abs(households[to] + w - mean));
				if (after > Math.max(before, tolerance) || !staysConnected(atoms, i)) {
					continue;
				}
				households[from] -= w;
				size[from]--;
				households[to] += w;
				size[to]++;
				atom.region = to;
				moved++;
			}
			if (moved == 0) {
				return;
			}
		}
	}

	/** Whether the atom's region stays in one piece without it. */
	private static boolean staysConnected(List<Atom> atoms, int removed) {
		int region = atoms.get(removed).region;
		List<Integer> sameRegion = atoms.get(removed).neighbours.keySet()
			.stream()
			.filter((n) -> atoms.get(n).region == region)
			.toList();
		if (sameRegion.isEmpty()) {
			return false;
		}
		// cheap test first: the atom's same-region neighbours must all stay reachable
		boolean[] seen = new boolean[atoms.size()];
		seen[removed] = true;
		ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(sameRegion.get(0)));
		seen[sameRegion.get(0)] = true;
		int found = 1;
		while (!queue.isEmpty() && found < sameRegion.size()) {
			int i = queue.poll();
			for (int n : atoms.get(i).neighbours.keySet()) {
				if (!seen[n] && atoms.get(n).region == region) {
					seen[n] = true;
					queue.add(n);
					if (sameRegion.contains(n)) {
						found++;
					}
				}
			}
		}
		return found == sameRegion.size();
	}

	private List<Region> regionGeometries(List<Atom> atoms, int regions, LocalMetres metres) {
		List<List<Polygon>> faces = new ArrayList<>();
		int[] households = new int[regions];
		int[] addresses = new int[regions];
		for (int r = 0; r < regions; r++) {
			faces.add(new ArrayList<>());
		}
		for (Atom atom : atoms) {
			faces.get(atom.region).add(atom.face);
			households[atom.region] += atom.households;
			addresses[atom.region] += atom.addresses;
		}
		List<Region> result = new ArrayList<>();
		for (int r = 0; r < regions; r++) {
			if (faces.get(r).isEmpty()) {
				continue;
			}
			Geometry union = CoverageUnion.union(faces.get(r).toArray(Geometry[]::new));
			result.add(new Region(union, households[r], addresses[r], metres.area(union), metres.polsbyPopper(union)));
		}
		return readingOrder(result);
	}

	/**
	 * North to south in √n bands of equal height, west to east within a band: the order
	 * in which the code plan numbers new grids.
	 */
	static List<Region> readingOrder(List<Region> regions) {
		if (regions.size() <= 1) {
			return regions;
		}
		int bands = Math.max(1, (int) Math.round(Math.sqrt(regions.size())));
		double north = Double.NEGATIVE_INFINITY;
		double south = Double.POSITIVE_INFINITY;
		Map<Region, Coordinate> centres = new HashMap<>();
		for (Region region : regions) {
			Coordinate c = region.geometry().getCentroid().getCoordinate();
			centres.put(region, c);
			north = Math.max(north, c.y);
			south = Math.min(south, c.y);
		}
		double height = Math.max(north - south, 1e-12) / bands;
		double top = north;
		Comparator<Region> order = Comparator
			.<Region>comparingInt((r) -> Math.min(bands - 1, (int) ((top - centres.get(r).y) / height)))
			.thenComparingDouble((r) -> centres.get(r).x);
		return regions.stream().sorted(order).toList();
	}

	private static long weight(List<Atom> atoms, List<Integer> piece) {
		return piece.stream().mapToLong((i) -> atoms.get(i).households).sum();
	}

	private static double area(List<Atom> atoms, List<Integer> piece) {
		return piece.stream().mapToDouble((i) -> atoms.get(i).areaM2).sum();
	}

	private static double sq(double x) {
		return x * x;
	}

}
