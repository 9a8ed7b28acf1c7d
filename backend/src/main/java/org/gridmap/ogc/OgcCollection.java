package org.gridmap.ogc;

import org.gridmap.database.SqlScript;

/**
 * The feature collections served under {@code /ogc/collections}: the allow-list of what
 * can be queried, each with the SQL file that selects its features. Requests name a
 * collection only through {@link #find}, so no request text ever reaches SQL as an
 * identifier.
 */
enum OgcCollection {

	DISTRICTS("districts", "区/县 Districts", "The district (区/县) boundary.", "areas.sql", "district", true,
			"MultiPolygon"),

	STREETS("streets", "街道/乡镇 Streets and townships", "Streets (街道) and townships (乡镇) of the district.", "areas.sql",
			"street", true, "MultiPolygon"),

	COMMUNITIES("communities", "社区/村 Communities and villages",
			"Communities (社区) and villages (村), the parents of grids.", "areas.sql", "community", true, "MultiPolygon"),

	GRIDS("grids", "网格 Grids",
			"Grids (网格) with type, households, population, their community and street, and the public notice-board staff.",
			"grids.sql", null, true, "MultiPolygon"),

	STATIONS("stations", "服务驿站 Service stations",
			"Service stations (党群驿站, 民悦驿站, 网格服务站 …) anchoring the 15-minute living circle.", "stations.sql", null,
			false, "Point"),

	INCIDENTS("incidents", "事件（公开） Incidents, public view",
			"Reported incidents as the public sees them (一事一公开): category, status and dates at a ~100 m cell centre; no reporter, no exact location.",
			"incidents.sql", null, false, "Point");

	private final String id;

	private final String title;

	private final String description;

	private final String selection;

	private final String level;

	private final boolean versioned;

	private final String geometryType;

	OgcCollection(String id, String title, String description, String sqlFile, String level, boolean versioned,
			String geometryType) {
		this.id = id;
		this.title = title;
		this.description = description;
		this.selection = SqlScript.load(OgcCollection.class, sqlFile);
		this.level = level;
		this.versioned = versioned;
		this.geometryType = geometryType;
	}

	static OgcCollection find(String id) {
		for (OgcCollection collection : values()) {
			if (collection.id.equals(id)) {
				return collection;
			}
		}
		throw OgcProblem.noCollection(id);
	}

	String id() {
		return this.id;
	}

	String title() {
		return this.title;
	}

	String description() {
		return this.description;
	}

	/** SQL returning {@code id, feature} rows; see the .sql file for its parameters. */
	String selection() {
		return this.selection;
	}

	/** The admin_area level the selection filters on, or null when it has none. */
	String level() {
		return this.level;
	}

	/**
	 * Whether rows carry a validity period, so that {@code datetime}/{@code asOf} apply.
	 */
	boolean versioned() {
		return this.versioned;
	}

	String geometryType() {
		return this.geometryType;
	}

}
