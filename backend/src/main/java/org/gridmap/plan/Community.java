package org.gridmap.plan;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** A community or village of a plan's scope: the area its grids must cover exactly. */
record Community(String code, String name, String kind, Geometry geometry, PreparedGeometry prepared) {

	Community(String code, String name, String kind, Geometry geometry) {
		this(code, name, kind, geometry, PreparedGeometryFactory.prepare(geometry));
	}

}
