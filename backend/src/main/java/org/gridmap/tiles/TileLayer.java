package org.gridmap.tiles;

import org.gridmap.database.SqlScript;

/**
 * The vector-tile layers, each with its SQL (an allow-list: a request names a layer only
 * through {@link #find}). Incidents are the public view, capped per tile.
 */
enum TileLayer {

	GRIDS("grids", "grids.sql"),

	INCIDENTS("incidents", "incidents.sql");

	/** Most incident points in one tile. */
	static final int MAX_FEATURES = 20_000;

	private final String id;

	private final String sql;

	TileLayer(String id, String file) {
		this.id = id;
		this.sql = SqlScript.load(TileLayer.class, file);
	}

	static TileLayer find(String id) {
		for (TileLayer layer : values()) {
			if (layer.id.equals(id)) {
				return layer;
			}
		}
		throw TileProblem.invalid("layer",
				"No tile layer '" + TileProblem.abbreviate(id) + "'; layers are grids, incidents, hotspots");
	}

	String sql() {
		return this.sql;
	}

}
