package org.gridmap.proposal;

import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A proposed partition of one community: the grids in reading order (north to south, west
 * to east) with how balanced and compact they are.
 *
 * @param community the community's code
 * @param communityName its name
 * @param gridType the type new grids get (the most common type of its grids, else
 * {@code urban} for a community and {@code rural} for a village)
 * @param request what was asked for
 * @param grids the proposed grids; together they cover the community exactly
 * @param atoms the Voronoi faces the grids are made of
 * @param locations distinct address locations
 * @param sites Voronoi sites (lattice centres and centres of address clusters)
 */
public record Proposal(String community, String communityName, String gridType, Request request, List<Grid> grids,
		int atoms, int locations, int sites) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What a planner asks for: a community and the household range per grid. */
	public record Request(String community, int target, int min, int max) {
	}

	/**
	 * One proposed grid: its polygon, households and addresses inside, area, compactness.
	 */
	public record Grid(Geometry geometry, int households, int addresses, double areaM2, double polsbyPopper) {
	}

	/** The balance, compactness and method members of a proposal's JSON. */
	public ObjectNode summary() {
		ObjectNode out = JSON.createObjectNode();
		out.putObject("community").put("code", this.community).put("name", this.communityName);
		int n = this.grids.size();
		long total = this.grids.stream().mapToLong(Grid::households).sum();
		double mean = (n > 0) ? (double) total / n : 0;
		double variance = this.grids.stream()
			.mapToDouble((g) -> (g.households() - mean) * (g.households() - mean))
			.sum() / Math.max(1, n);
		ObjectNode balance = out.putObject("balance");
		balance.put("target", this.request.target())
			.put("min", this.request.min())
			.put("max", this.request.max())
			.put("grids", n)
			.put("households", total)
			.put("mean", round(mean, 1))
			.put("smallest", this.grids.stream().mapToInt(Grid::households).min().orElse(0))
			.put("largest", this.grids.stream().mapToInt(Grid::households).max().orElse(0))
			.put("stddev", round(Math.sqrt(variance), 1))
			.put("withinRange",
					this.grids.stream()
						.filter((g) -> g.households() >= this.request.min() && g.households() <= this.request.max())
						.count());
		ObjectNode compactness = out.putObject("compactness");
		compactness.put("measure", "Polsby-Popper 4πA/P² (1 = disc, 0.785 = square)")
			.put("mean", round(this.grids.stream().mapToDouble(Grid::polsbyPopper).average().orElse(0), 3))
			.put("min", round(this.grids.stream().mapToDouble(Grid::polsbyPopper).min().orElse(0), 3));
		out.putObject("method")
			.put("atoms", this.atoms)
			.put("addressLocations", this.locations)
			.put("voronoiSites", this.sites)
			.put("description",
					"Voronoi cells of the address points (and of lattice points where there are none) "
							+ "clipped to the community are split by recursive shortest straight cuts at weighted "
							+ "household quantiles, repaired to be contiguous, balanced and smoothed, then unioned");
		return out;
	}

	/**
	 * The proposal as a GeoJSON FeatureCollection with the summary members at the top.
	 */
	public ObjectNode featureCollection() {
		ObjectNode out = JSON.createObjectNode();
		out.put("type", "FeatureCollection");
		ArrayNode features = out.putArray("features");
		for (int i = 0; i < this.grids.size(); i++) {
			Grid grid = this.grids.get(i);
			ObjectNode feature = features.addObject();
			feature.put("type", "Feature");
			feature.put("id", i + 1);
			feature.set("geometry", geometry(grid.geometry()));
			feature.putObject("properties")
				.put("index", i + 1)
				.put("households", grid.households())
				.put("addresses", grid.addresses())
				.put("areaM2", Math.round(grid.areaM2()))
				.put("polsbyPopper", round(grid.polsbyPopper(), 3));
		}
		out.setAll(summary());
		return out;
	}

	/**
	 * A polygon or multipolygon as GeoJSON, coordinates at full precision (they lie on a
	 * 1e-10° grid, so they print short) so that shared vertices stay shared.
	 */
	public static ObjectNode geometry(Geometry geometry) {
		ObjectNode out = JSON.createObjectNode();
		if (geometry instanceof Polygon polygon) {
			out.put("type", "Polygon");
			rings(out.putArray("coordinates"), polygon);
		}
		else {
			out.put("type", "MultiPolygon");
			ArrayNode polygons = out.putArray("coordinates");
			for (int i = 0; i < geometry.getNumGeometries(); i++) {
				rings(polygons.addArray(), (Polygon) geometry.getGeometryN(i));
			}
		}
		return out;
	}

	private static void rings(ArrayNode out, Polygon polygon) {
		ring(out.addArray(), polygon.getExteriorRing().getCoordinates());
		for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
			ring(out.addArray(), polygon.getInteriorRingN(i).getCoordinates());
		}
	}

	private static void ring(ArrayNode out, Coordinate[] coordinates) {
		for (Coordinate c : coordinates) {
			out.addArray().add(c.x).add(c.y);
		}
	}

	private static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

}
