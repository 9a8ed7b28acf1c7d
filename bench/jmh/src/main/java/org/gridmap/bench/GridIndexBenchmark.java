package org.gridmap.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.gridmap.demodistrict.DemoDistrict;
import org.gridmap.demodistrict.DemoDistrictGenerator;
import org.gridmap.gridindex.GridIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Points per second through the in-memory grid index built from the demo district (146
 * grids, 40 stations): {@code locate} (which grid) and {@code document} (the whole lookup
 * document with the nearest station), for uniform random points over the grids' extent
 * in random order and the same points sorted along a Z-order curve (as a bulk assignment
 * of spatially clustered rows would meet them). {@code cells} varies the cell count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GridIndexBenchmark {

	static final int POINTS = 1 << 16;

	@Param({ "random", "sorted" })
	public String order;

	@Param({ "65536" })
	public int cells;

	private GridIndex index;

	private double[] lons;

	private double[] lats;

	@Setup
	public void setUp() {
		DemoDistrict district = DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
		List<GridIndex.Grid> grids = new ArrayList<>();
		for (var grid : district.grids()) {
			grids.add(new GridIndex.Grid(grid.code(), grid.geometry(),
					"{\"grid\" : {\"code\" : \"" + grid.code() + "\"}, \"station\" : null}"));
		}
		List<GridIndex.Station> stations = new ArrayList<>();
		for (var station : district.stations()) {
			stations.add(new GridIndex.Station(station.code(), station.location().getX(), station.location().getY(),
					"{\"code\" : \"" + station.code() + "\", \"distanceMetres\" : 0}"));
		}
		this.index = GridIndex.build(Instant.EPOCH, null, grids, stations, this.cells);
		double[] e = this.index.extent();
		SplittableRandom random = new SplittableRandom(20261123);
		long[][] keyed = new long[POINTS][];
		this.lons = new double[POINTS];
		this.lats = new double[POINTS];
		double[][] points = new double[POINTS][];
		for (int i = 0; i < POINTS; i++) {
			points[i] = new double[] { e[0] + random.nextDouble() * (e[2] - e[0]),
					e[1] + random.nextDouble() * (e[3] - e[1]) };
		}
		if ("sorted".equals(this.order)) {
			Arrays.sort(points, (a, b) -> Long.compare(morton(a, e), morton(b, e)));
		}
		for (int i = 0; i < POINTS; i++) {
			this.lons[i] = points[i][0];
			this.lats[i] = points[i][1];
		}
	}

	private static long morton(double[] p, double[] e) {
		long x = (long) ((p[0] - e[0]) / (e[2] - e[0]) * 65535);
		long y = (long) ((p[1] - e[1]) / (e[3] - e[1]) * 65535);
		long key = 0;
		for (int bit = 0; bit < 16; bit++) {
			key |= ((x >> bit) & 1) << (2 * bit) | ((y >> bit) & 1) << (2 * bit + 1);
		}
		return key;
	}

	@Benchmark
	@OperationsPerInvocation(POINTS)
	public void locate(Blackhole sink) {
		for (int i = 0; i < POINTS; i++) {
			sink.consume(this.index.locate(this.lons[i], this.lats[i]));
		}
	}

	@Benchmark
	@OperationsPerInvocation(POINTS)
	public void document(Blackhole sink) {
		StringBuilder out = new StringBuilder(4096);
		for (int i = 0; i < POINTS; i++) {
			int slot = this.index.locate(this.lons[i], this.lats[i]);
			if (slot >= 0) {
				out.setLength(0);
				sink.consume(this.index.appendDocument(out, slot, this.lons[i], this.lats[i]).length());
			}
		}
	}

}
