package org.gridmap.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a row of an assessment table is about; the fields a grouping does not have are
 * null and left out of JSON.
 *
 * @param code grid, community, street or department code; a worker's staff id
 * @param name its name (a worker's name)
 * @param nameEn English name (departments)
 * @param kind grid type (urban, rural, special), worker role (full_time), community or
 * village, street or township
 * @param gridCode a worker's grid
 * @param gridName a worker's grid's name
 * @param communityCode the community of a grid or worker
 * @param communityName its name
 * @param streetCode the street of a grid, worker or community
 * @param streetName its name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Unit(String code, String name, String nameEn, String kind, String gridCode, String gridName,
		String communityCode, String communityName, String streetCode, String streetName) {

}
