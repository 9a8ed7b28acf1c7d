package org.gridmap.demodistrict;

import java.util.List;

/**
 * The synthetic demo district: Didao 滴道区 (Jixi, Heilongjiang), its 6 streets and
 * townships, 27 communities and villages, 146 grids, their staff and households, the
 * departments and matters of the admitted-matters list, and 40 service stations.
 *
 * @param district the district itself
 * @param areas every area, parents before children
 * @param grids the grids, in code order
 * @param staff the grids' notice-board people, by grid and sort order
 * @param addresses the dwellings, by grid
 * @param departments the departments
 * @param matters the admitted matters
 * @param stations the service stations
 */
public record DemoDistrict(Area district, List<Area> areas, List<Grid> grids, List<Staff> staff,
		List<Address> addresses, List<Department> departments, List<Matter> matters, List<Station> stations) {

}
