package org.gridmap.plan;

import org.locationtech.jts.geom.Geometry;

/**
 * Areas and lengths of WGS 84 geometries in metres, in a local equirectangular projection
 * at one latitude (the plan's). Metres per degree come from the WGS 84 ellipsoid series;
 * across a district (tens of kilometres) the error is well below 0.1 %, ample for
 * tolerances and gap areas, and it needs no reprojection of the geometry.
 */
record Measure(double metresPerDegreeLon, double metresPerDegreeLat) {

	static Measure at(double latitude) {
		double phi = Math.toRadians(latitude);
		double lat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
		double lon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);
		return new Measure(lon, lat);
	}

	double squareMetres(Geometry geometry) {
		return geometry.getArea() * this.metresPerDegreeLon * this.metresPerDegreeLat;
	}

	/** A distance in metres as degrees, the smaller (north–south) way: conservative. */
	double degrees(double metres) {
		return metres / Math.max(this.metresPerDegreeLon, this.metresPerDegreeLat);
	}

}
