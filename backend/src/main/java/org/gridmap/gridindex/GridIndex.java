package org.gridmap.gridindex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * An immutable in-memory snapshot of the grids valid during one period
 * {@code [validFrom, validUntil)}: which grid holds a point, and that grid's lookup
 * document with the nearest service station, without touching the database.
 *
 * <p>
 * <b>Same answer as SQL, to the last bit.</b> {@code gridmap_lookup()} takes, of the
 * grids whose closed polygon contains the point ({@code ST_Intersects}), the one with the
 * lowest code. PostGIS 3.3 decides point-in-polygon with a winding number whose side test
 * is plain double arithmetic and counts the boundary only when that side is exactly zero.
 * A robust predicate (JTS {@code IndexedPointInAreaLocator}) is "more right" for points
 * within a few ulps of a slanted edge, and so disagrees with the database there; this
 * class evaluates the very same expression instead, so that a point is in the same grid
 * whether the service answers from memory or from SQL (GridIndexEquivalenceTest checks
 * random, vertex and near-edge points against PostGIS).
 *
 * <p>
 * <b>Layout.</b> Grids are kept in code order, so "lowest code" is "first hit". The
 * grids' extent is cut into cells; each cell holds the grids that may contain its points,
 * in code order, and a grid that certainly contains the whole cell (no edge of it comes
 * near the cell) ends the list and needs no test. Most cells lie inside one grid: a
 * lookup there is an array read. Near edges, each candidate ring is tested through a band
 * index on y. The nearest station comes from a coarser grid of blocks, each listing the
 * stations that can be nearest to some point of the block, ranked by geodesic distance on
 * WGS 84 (GeographicLib, as PostGIS does), ties by code.
 */
public final class GridIndex {

	/**
	 * One grid: code, polygon(s) as stored, and its lookup document ending in
	 * {@code "station" : null}} (null when only locating, as the bulk assignment does).
	 */
	public record Grid(String code, Geometry geometry, String document) {
	}

	/**
	 * A service station and its JSON object ending in {@code "distanceMetres" : 0}} (the
	 * distance is written per lookup).
	 */
	public record Station(String code, double lon, double lat, String document) {
	}

	private static final String STATION_NULL = "null}";

	private static final String DISTANCE_ZERO = "0}";

	/** Cells are widened by this much when deciding that no edge comes near them. */
	private static final double MARGIN_FRACTION = 1e-6;

	private final Instant validFrom;

	private final Instant validUntil;

	private final String[] codes;

	/** Per grid, its document up to and including {@code "station" : }. */
	private final String[] heads;

	private final Area[] areas;

	private final double minX;

	private final double minY;

	private final double maxX;

	private final double maxY;

	private final int nx;

	private final int ny;

	private final double invW;

	private final double invH;

	/** Per cell: -1 no grid; ≤ -2 certainly grid (-ref-2); ≥ 0 an index into lists. */
	private final int[] cells;

	/**
	 * Candidate lists: grid slots in code order; a negative entry ~slot needs no test.
	 */
	private final int[][] lists;

	private final StationBlocks stations;

	private final long buildNanos;

	private GridIndex(Instant validFrom, Instant validUntil, List<Grid> grids, List<Station> stationList,
			int targetCells) {
		long start = System.nanoTime();
		this.validFrom = validFrom;
		this.validUntil = validUntil;
		List<Grid> sorted = new ArrayList<>(grids);
		sorted.sort((a, b) -> a.code().compareTo(b.code()));
		int n = sorted.size();
		this.codes = new String[n];
		this.heads = new String[n];
		this.areas = new Area[n];
		Envelope extent = new Envelope();
		for (int i = 0; i < n; i++) {
			Grid grid = sorted.get(i);
			this.codes[i] = grid.code();
			this.heads[i] = head(grid);
			this.areas[i] = Area.of(grid.geometry());
			extent.expandToInclude(grid.geometry().getEnvelopeInternal());
		}
		if (n == 0) {
			extent = new Envelope(0, 0, 0, 0);
		}
		this.minX = extent.getMinX();
		this.minY = extent.getMinY();
		this.maxX = extent.getMaxX();
		this.maxY = extent.getMaxY();
		// Cells about square on the ground (longitude degrees shrink with cos(lat)).
		double width = Math.max(this.maxX - this.minX, 1e-9);
		double height = Math.max(this.maxY - this.minY, 1e-9);
		double aspect = width * Math.cos(Math.toRadians((this.minY + this.maxY) / 2)) / height;
		int cellsWanted = Math.max(1, targetCells);
		this.nx = (int) Math.max(1, Math.min(8192, Math.round(Math.sqrt(cellsWanted * aspect))));
		this.ny = (int) Math.max(1, Math.min(8192, Math.round((double) cellsWanted / this.nx)));
		this.invW = this.nx / width;
		this.invH = this.ny / height;
		CellLists built = new CellBuilder().build();
		this.cells = built.cells;
		this.lists = built.lists;
		this.stations = new StationBlocks(stationList, this.minX, this.minY, this.maxX, this.maxY);
		this.buildNanos = System.nanoTime() - start;
	}

	/**
	 * Builds a snapshot with about {@code max(65,536, 8 × edges)} cells (capped at 4
	 * million).
	 */
	public static GridIndex build(Instant validFrom, Instant validUntil, List<Grid> grids, List<Station> stations) {
		long edges = 0;
		for (Grid grid : grids) {
			edges += grid.geometry().getNumPoints();
		}
		int target = (int) Math.min(4_000_000, Math.max(65_536, 8 * edges));
		return new GridIndex(validFrom, validUntil, grids, stations, target);
	}

	/** As {@link #build} with a chosen number of cells (for benchmarks and tests). */
	public static GridIndex build(Instant validFrom, Instant validUntil, List<Grid> grids, List<Station> stations,
			int targetCells) {
		return new GridIndex(validFrom, validUntil, grids, stations, targetCells);
	}

	private static String head(Grid grid) {
		String document = grid.document();
		if (document == null) {
			return null;
		}
		if (!document.endsWith(STATION_NULL)) {
			throw new IllegalArgumentException(
					"The document of grid " + grid.code() + " must end with " + STATION_NULL);
		}
		return document.substring(0, document.length() - STATION_NULL.length());
	}

	/** Whether this snapshot holds the grids valid at {@code instant}. */
	public boolean covers(Instant instant) {
		return (this.validFrom == null || !instant.isBefore(this.validFrom))
				&& (this.validUntil == null || instant.isBefore(this.validUntil));
	}

	/** Start of the period (null: since ever). */
	public Instant validFrom() {
		return this.validFrom;
	}

	/** End of the period, exclusive (null: no change is planned). */
	public Instant validUntil() {
		return this.validUntil;
	}

	public int size() {
		return this.codes.length;
	}

	public int cellCount() {
		return this.nx * this.ny;
	}

	public int stationCount() {
		return this.stations.count();
	}

	/** The grids' extent: min lon, min lat, max lon, max lat. */
	public double[] extent() {
		return new double[] { this.minX, this.minY, this.maxX, this.maxY };
	}

	public long buildMillis() {
		return this.buildNanos / 1_000_000;
	}

	/**
	 * The slot of the grid holding a WGS 84 point (lowest code on shared edges), or -1.
	 */
	public int locate(double lon, double lat) {
		if (!(lon >= this.minX && lon <= this.maxX && lat >= this.minY && lat <= this.maxY)) {
			return -1;
		}
		int i = Math.min((int) ((lon - this.minX) * this.invW), this.nx - 1);
		int j = Math.min((int) ((lat - this.minY) * this.invH), this.ny - 1);
		int ref = this.cells[j * this.nx + i];
		if (ref < -1) {
			return -ref - 2;
		}
		if (ref == -1) {
			return -1;
		}
		for (int entry : this.lists[ref]) {
			if (entry < 0) {
				return ~entry;
			}
			if (this.areas[entry].intersects(lon, lat)) {
				return entry;
			}
		}
		return -1;
	}

	public String code(int slot) {
		return this.codes[slot];
	}

	/**
	 * Appends the lookup document of a grid for a point: exactly what
	 * {@code gridmap_lookup()} writes.
	 */
	public StringBuilder appendDocument(StringBuilder out, int slot, double lon, double lat) {
		out.append(this.heads[slot]);
		this.stations.appendNearest(out, lon, lat);
		return out.append('}');
	}

	/**
	 * As {@link #appendDocument} without the opening brace, for an envelope that has
	 * members of its own before the document's.
	 */
	public StringBuilder appendMembers(StringBuilder out, int slot, double lon, double lat) {
		out.append(this.heads[slot], 1, this.heads[slot].length());
		this.stations.appendNearest(out, lon, lat);
		return out.append('}');
	}

	/** The grid's polygons, tested as PostGIS 3.3 tests a point against them. */
	static final class Area {

		/** Rings; each polygon is an exterior ring followed by its holes. */
		private final Ring[] rings;

		/** Per polygon, its first ring and how many rings it has. */
		private final int[] first;

		private final int[] count;

		private final Envelope envelope;

		private Area(Ring[] rings, int[] first, int[] count, Envelope envelope) {
			this.rings = rings;
			this.first = first;
			this.count = count;
			this.envelope = envelope;
		}

		static Area of(Geometry geometry) {
			List<Ring> rings = new ArrayList<>();
			int parts = geometry.getNumGeometries();
			int[] first = new int[parts];
			int[] count = new int[parts];
			for (int p = 0; p < parts; p++) {
				Geometry part = geometry.getGeometryN(p);
				if (!(part instanceof Polygon polygon)) {
					throw new IllegalArgumentException(
							"Grid geometry must be polygonal, got " + part.getGeometryType());
				}
				first[p] = rings.size();
				if (polygon.isEmpty()) {
					continue;
				}
				rings.add(new Ring(polygon.getExteriorRing()));
				for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
					rings.add(new Ring(polygon.getInteriorRingN(h)));
				}
				count[p] = rings.size() - first[p];
			}
			return new Area(rings.toArray(Ring[]::new), first, count, geometry.getEnvelopeInternal());
		}

		Envelope envelope() {
			return this.envelope;
		}

		Ring[] rings() {
			return this.rings;
		}

		/**
		 * Not outside: inside an exterior ring and no hole, or on any ring (PostGIS
		 * point_in_multipolygon ≠ -1).
		 */
		boolean intersects(double x, double y) {
			for (int p = 0; p < this.first.length; p++) {
				if (this.count[p] == 0) {
					continue;
				}
				int exterior = this.rings[this.first[p]].locate(x, y);
				if (exterior == 0) {
					return true;
				}
				if (exterior < 0) {
					continue;
				}
				boolean inHole = false;
				for (int r = 1; r < this.count[p]; r++) {
					int hole = this.rings[this.first[p] + r].locate(x, y);
					if (hole == 0) {
						return true;
					}
					if (hole > 0) {
						inHole = true;
						break;
					}
				}
				if (!inHole) {
					return true;
				}
			}
			return false;
		}

	}

	/** One ring's vertices, with its edges binned by y so a test reads only a few. */
	static final class Ring {

		final double[] xs;

		final double[] ys;

		private final double minY;

		private final double maxY;

		private final double invBand;

		private final int[][] bands;

		Ring(LineString line) {
			Coordinate[] coordinates = line.getCoordinates();
			int n = coordinates.length;
			this.xs = new double[n];
			this.ys = new double[n];
			double lo = Double.POSITIVE_INFINITY;
			double hi = Double.NEGATIVE_INFINITY;
			for (int k = 0; k < n; k++) {
				this.xs[k] = coordinates[k].x;
				this.ys[k] = coordinates[k].y;
				lo = Math.min(lo, this.ys[k]);
				hi = Math.max(hi, this.ys[k]);
			}
			this.minY = lo;
			this.maxY = hi;
			int segments = Math.max(0, n - 1);
			int bandCount = Math.max(1, segments / 4);
			this.invBand = (hi > lo) ? bandCount / (hi - lo) : 0;
			int[] sizes = new int[bandCount];
			for (int s = 0; s < segments; s++) {
				int last = band(Math.max(this.ys[s], this.ys[s + 1]), bandCount);
				for (int b = band(Math.min(this.ys[s], this.ys[s + 1]), bandCount); b <= last; b++) {
					sizes[b]++;
				}
			}
			this.bands = new int[bandCount][];
			for (int b = 0; b < bandCount; b++) {
				this.bands[b] = new int[sizes[b]];
			}
			Arrays.fill(sizes, 0);
			for (int s = 0; s < segments; s++) {
				int last = band(Math.max(this.ys[s], this.ys[s + 1]), bandCount);
				for (int b = band(Math.min(this.ys[s], this.ys[s + 1]), bandCount); b <= last; b++) {
					this.bands[b][sizes[b]++] = s;
				}
			}
		}

		/** Monotone in y, so an edge spanning y is always in y's band. */
		private int band(double y, int bandCount) {
			return Math.max(0, Math.min(bandCount - 1, (int) ((y - this.minY) * this.invBand)));
		}

		/**
		 * -1 outside, 0 on the ring, 1 inside: Dan Sunday's winding number, with the side
		 * of each edge computed in plain doubles and "on the edge" only when it is
		 * exactly 0 and the point is within the edge's box, as PostGIS does.
		 */
		int locate(double x, double y) {
			if (y < this.minY || y > this.maxY) {
				return -1;
			}
			int wn = 0;
			for (int s : this.bands[band(y, this.bands.length)]) {
				double x1 = this.xs[s];
				double y1 = this.ys[s];
				double x2 = this.xs[s + 1];
				double y2 = this.ys[s + 1];
				if (x1 == x2 && y1 == y2) {
					continue;
				}
				double side = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1);
				if (side == 0.0 && Math.min(x1, x2) <= x && x <= Math.max(x1, x2) && Math.min(y1, y2) <= y
						&& y <= Math.max(y1, y2)) {
					return 0;
				}
				if (y1 <= y && y < y2 && side > 0) {
					wn++;
				}
				else if (y2 <= y && y < y1 && side < 0) {
					wn--;
				}
			}
			return (wn == 0) ? -1 : 1;
		}

	}

	private record CellLists(int[] cells, int[][] lists) {
	}

	/**
	 * Fills the cells grid by grid, in code order: cells an edge comes near get the grid
	 * as a candidate to test, cells wholly inside get it as the certain answer (after
	 * which later, higher-coded grids are not listed there).
	 */
	private final class CellBuilder {

		private final int total = GridIndex.this.nx * GridIndex.this.ny;

		private final int[] head = new int[this.total];

		private final int[] tail = new int[this.total];

		private final boolean[] closed = new boolean[this.total];

		private int[] value = new int[1024];

		private int[] next = new int[1024];

		private int used;

		CellLists build() {
			Arrays.fill(this.head, -1);
			double w = 1 / GridIndex.this.invW;
			double h = 1 / GridIndex.this.invH;
			double mx = Math.max(w * MARGIN_FRACTION, 1e-9);
			double my = Math.max(h * MARGIN_FRACTION, 1e-9);
			for (int slot = 0; slot < GridIndex.this.areas.length; slot++) {
				Area area = GridIndex.this.areas[slot];
				Envelope e = area.envelope();
				int i0 = column(e.getMinX() - mx);
				int i1 = column(e.getMaxX() + mx);
				int j0 = row(e.getMinY() - my);
				int j1 = row(e.getMaxY() + my);
				int cols = i1 - i0 + 1;
				boolean[] edge = new boolean[cols * (j1 - j0 + 1)];
				for (Ring ring : area.rings()) {
					for (int s = 0; s + 1 < ring.xs.length; s++) {
						markEdge(ring.xs[s], ring.ys[s], ring.xs[s + 1], ring.ys[s + 1], i0, j0, cols, edge, w, h, mx,
								my);
					}
				}
				for (int j = j0; j <= j1; j++) {
					for (int i = i0; i <= i1; i++) {
						int c = j * GridIndex.this.nx + i;
						if (this.closed[c]) {
							continue;
						}
						if (edge[(j - j0) * cols + (i - i0)]) {
							append(c, slot);
						}
						else {
							double cx = GridIndex.this.minX + (i + 0.5) * w;
							double cy = GridIndex.this.minY + (j + 0.5) * h;
							if (area.intersects(cx, cy)) {
								append(c, ~slot);
								this.closed[c] = true;
							}
						}
					}
				}
			}
			return intern();
		}

		private int column(double x) {
			return Math.max(0,
					Math.min(GridIndex.this.nx - 1, (int) Math.floor((x - GridIndex.this.minX) * GridIndex.this.invW)));
		}

		private int row(double y) {
			return Math.max(0,
					Math.min(GridIndex.this.ny - 1, (int) Math.floor((y - GridIndex.this.minY) * GridIndex.this.invH)));
		}

		/** Marks every cell whose widened box the edge touches (Liang–Barsky clip). */
		private void markEdge(double x1, double y1, double x2, double y2, int i0, int j0, int cols, boolean[] edge,
				double w, double h, double mx, double my) {
			int a0 = column(Math.min(x1, x2) - mx);
			int a1 = column(Math.max(x1, x2) + mx);
			int b0 = row(Math.min(y1, y2) - my);
			int b1 = row(Math.max(y1, y2) + my);
			for (int j = b0; j <= b1; j++) {
				double ylo = GridIndex.this.minY + j * h - my;
				double yhi = GridIndex.this.minY + (j + 1) * h + my;
				for (int i = a0; i <= a1; i++) {
					int k = (j - j0) * cols + (i - i0);
					if (edge[k]) {
						continue;
					}
					double xlo = GridIndex.this.minX + i * w - mx;
					double xhi = GridIndex.this.minX + (i + 1) * w + mx;
					if (a0 == a1 || b0 == b1 || clips(x1, y1, x2, y2, xlo, ylo, xhi, yhi)) {
						edge[k] = true;
					}
				}
			}
		}

		private void append(int cell, int entry) {
			if (this.used == this.value.length) {
				this.value = Arrays.copyOf(this.value, this.used * 2);
				this.next = Arrays.copyOf(this.next, this.used * 2);
			}
			this.value[this.used] = entry;
			this.next[this.used] = -1;
			if (this.head[cell] < 0) {
				this.head[cell] = this.used;
			}
			else {
				this.next[this.tail[cell]] = this.used;
			}
			this.tail[cell] = this.used++;
		}

		/** Identical lists are stored once: most cells share "certainly grid g". */
		private CellLists intern() {
			int[] cells = new int[this.total];
			Map<ListKey, Integer> seen = new HashMap<>();
			List<int[]> lists = new ArrayList<>();
			int[] buffer = new int[64];
			for (int c = 0; c < this.total; c++) {
				int length = 0;
				for (int k = this.head[c]; k >= 0; k = this.next[k]) {
					if (length == buffer.length) {
						buffer = Arrays.copyOf(buffer, length * 2);
					}
					buffer[length++] = this.value[k];
				}
				if (length == 0) {
					cells[c] = -1;
				}
				else if (length == 1 && buffer[0] < 0) {
					cells[c] = -(~buffer[0]) - 2;
				}
				else {
					int[] list = Arrays.copyOf(buffer, length);
					cells[c] = seen.computeIfAbsent(new ListKey(list), (key) -> {
						lists.add(key.values());
						return lists.size() - 1;
					});
				}
			}
			return new CellLists(cells, lists.toArray(int[][]::new));
		}

	}

	/** Whether segment (x1,y1)–(x2,y2) meets the box (Liang–Barsky). */
	static boolean clips(double x1, double y1, double x2, double y2, double xlo, double ylo, double xhi, double yhi) {
		double t0 = 0;
		double t1 = 1;
		double dx = x2 - x1;
		double dy = y2 - y1;
		double[] p = { -dx, dx, -dy, dy };
		double[] q = { x1 - xlo, xhi - x1, y1 - ylo, yhi - y1 };
		for (int k = 0; k < 4; k++) {
			if (p[k] == 0) {
				if (q[k] < 0) {
					return false;
				}
			}
			else {
				double t = q[k] / p[k];
				if (p[k] < 0) {
					t0 = Math.max(t0, t);
				}
				else {
					t1 = Math.min(t1, t);
				}
				if (t0 > t1) {
					return false;
				}
			}
		}
		return true;
	}

	private record ListKey(int[] values) {

		@Override
		public boolean equals(Object other) {
			return other instanceof ListKey key && Arrays.equals(this.values, key.values);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.values);
		}

	}

	/**
	 * Stations by block: each block lists the stations that can be the nearest to one of
	 * its points. The bound uses a local flat-earth metric with a generous margin; the
	 * ranking itself is geodesic.
	 */
	static final class StationBlocks {

		private static final double METRES_PER_DEGREE = 111_320;

		private static final double SAFETY = 1.05;

		private static final double SLACK_METRES = 100;

		/** Flat-earth and geodesic distances differ by less than this factor here. */
		private static final double FLAT_FACTOR = 1.02;

		private final double[] lons;

		private final double[] lats;

		private final String[] codes;

		private final String[] prefixes;

		private final double minX;

		private final double minY;

		private final int bx;

		private final int by;

		private final double invW;

		private final double invH;

		private final int[][] blocks;

		StationBlocks(List<Station> stations, double minX, double minY, double maxX, double maxY) {
			List<Station> sorted = new ArrayList<>(stations);
			sorted.sort((a, b) -> a.code().compareTo(b.code()));
			int n = sorted.size();
			this.lons = new double[n];
			this.lats = new double[n];
			this.codes = new String[n];
			this.prefixes = new String[n];
			for (int s = 0; s < n; s++) {
				Station station = sorted.get(s);
				this.lons[s] = station.lon();
				this.lats[s] = station.lat();
				this.codes[s] = station.code();
				String document = station.document();
				if (document != null) {
					if (!document.endsWith(DISTANCE_ZERO)) {
						throw new IllegalArgumentException(
								"The document of station " + station.code() + " must end with " + DISTANCE_ZERO);
					}
					this.prefixes[s] = document.substring(0, document.length() - DISTANCE_ZERO.length());
				}
			}
			this.minX = minX;
			this.minY = minY;
			double width = Math.max(maxX - minX, 1e-9);
			double height = Math.max(maxY - minY, 1e-9);
			int wanted = Math.max(64, Math.min(65_536, 64 * n));
			double aspect = width * Math.cos(Math.toRadians((minY + maxY) / 2)) / height;
			this.bx = (int) Math.max(1, Math.min(2048, Math.round(Math.sqrt(wanted * aspect))));
			this.by = (int) Math.max(1, Math.min(2048, Math.round((double) wanted / this.bx)));
			this.invW = this.bx / width;
			this.invH = this.by / height;
			this.blocks = new int[this.bx * this.by][];
			double w = width / this.bx;
			double h = height / this.by;
			double[] lower = new double[n];
			for (int j = 0; j < this.by; j++) {
				double ylo = minY + j * h;
				double yhi = ylo + h;
				double kx = METRES_PER_DEGREE * Math.cos(Math.toRadians((ylo + yhi) / 2));
				for (int i = 0; i < this.bx; i++) {
					double xlo = minX + i * w;
					double xhi = xlo + w;
					double best = Double.POSITIVE_INFINITY;
					for (int s = 0; s < n; s++) {
						double nearX = Math.max(Math.max(xlo - this.lons[s], 0), this.lons[s] - xhi) * kx;
						double nearY = Math.max(Math.max(ylo - this.lats[s], 0), this.lats[s] - yhi)
								* METRES_PER_DEGREE;
						double farX = Math.max(Math.abs(this.lons[s] - xlo), Math.abs(this.lons[s] - xhi)) * kx;
						double farY = Math.max(Math.abs(this.lats[s] - ylo), Math.abs(this.lats[s] - yhi))
								* METRES_PER_DEGREE;
						lower[s] = Math.hypot(nearX, nearY);
						best = Math.min(best, Math.hypot(farX, farY));
					}
					double limit = best * SAFETY + SLACK_METRES;
					int[] candidates = new int[n];
					int k = 0;
					for (int s = 0; s < n; s++) {
						if (lower[s] / SAFETY <= limit) {
							candidates[k++] = s;
						}
					}
					this.blocks[j * this.bx + i] = Arrays.copyOf(candidates, k);
				}
			}
		}

		int count() {
			return this.codes.length;
		}

		/**
		 * Index of the nearest station by geodesic distance (ties: lowest code), or -1;
		 * {@code distance[0]} receives the distance in metres.
		 */
		int nearest(double lon, double lat, double[] distance) {
			int i = Math.max(0, Math.min(this.bx - 1, (int) ((lon - this.minX) * this.invW)));
			int j = Math.max(0, Math.min(this.by - 1, (int) ((lat - this.minY) * this.invH)));
			int[] candidates = (this.blocks.length > 0) ? this.blocks[j * this.bx + i] : new int[0];
			// Flat-earth distances (within 1 % of geodesic here) pick the few that can
			// win;
			// only those get the exact, costlier geodesic.
			double kx = Math.cos(Math.toRadians(lat));
			double nearestFlat = Double.POSITIVE_INFINITY;
			for (int s : candidates) {
				nearestFlat = Math.min(nearestFlat, flat(s, lon, lat, kx));
			}
			double limit = nearestFlat * FLAT_FACTOR * FLAT_FACTOR + 2;
			int best = -1;
			double bestDistance = Double.POSITIVE_INFINITY;
			for (int s : candidates) {
				if (flat(s, lon, lat, kx) > limit) {
					continue;
				}
				double d = Geodesic.WGS84.Inverse(lat, lon, this.lats[s], this.lons[s], GeodesicMask.DISTANCE).s12;
				// Candidates are in code order, so a tie keeps the lower code.
				if (d < bestDistance) {
					bestDistance = d;
					best = s;
				}
			}
			distance[0] = bestDistance;
			return best;
		}

		private double flat(int s, double lon, double lat, double kx) {
			double dx = (this.lons[s] - lon) * kx;
			double dy = this.lats[s] - lat;
			return Math.sqrt(dx * dx + dy * dy) * METRES_PER_DEGREE;
		}

		void appendNearest(StringBuilder out, double lon, double lat) {
			double[] distance = new double[1];
			int s = nearest(lon, lat, distance);
			if (s < 0) {
				out.append("null");
				return;
			}
			// round() on a float8 in PostgreSQL rounds half to even, like rint.
			out.append(this.prefixes[s]).append((long) Math.rint(distance[0])).append('}');
		}

		String code(int s) {
			return this.codes[s];
		}

	}

}
