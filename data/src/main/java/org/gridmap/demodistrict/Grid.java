package org.gridmap.demodistrict;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A grid 网格 with the fields of its public notice board.
 *
 * @param code 15 digits: the community code and a 3-digit sequence
 * @param communityCode the 12-digit code of the community or village it lies in
 * @param name the Chinese name, e.g. 建设社区第三网格
 * @param type {@code urban}, {@code rural} or {@code special}
 * @param households the number of its addresses
 * @param population residents, about 2.3 to 2.8 per household
 * @param hotline the community's service landline
 * @param duties the six core duties of its grid workers
 * @param geometry WGS 84 lon/lat
 */
public record Grid(String code, String communityCode, String name, String type, int households, int population,
		String hotline, String duties, MultiPolygon geometry) {

}
