package org.gridmap.plan;

import java.util.List;

import org.locationtech.jts.geom.Geometry;

/**
 * A grid version a plan starts from: the row valid at the plan's effective instant.
 *
 * @param version the grid row's id; a plan change records it, and publish refuses the
 * plan when the row has been replaced meanwhile
 */
record BaseGrid(long version, String code, String community, String name, String type, int households, int population,
		String hotline, String duties, List<StaffMember> staff, Geometry geometry) {
}
