package org.gridmap.demodistrict;

import org.locationtech.jts.geom.Point;

/**
 * One address: a dwelling, or (scaled district only) a shop or office.
 *
 * @param address the full Chinese address, e.g. 滴道区东兴街道幸福小区3号楼2单元501室
 * @param compound the residential compound 小区, or the village group for rural dwellings
 * @param building the building 楼栋, {@code null} for rural houses
 * @param households 1 for a dwelling; 0 for the business premises of the scaled district
 * @param gridCode the grid whose interior holds the location
 * @param location WGS 84 lon/lat
 */
public record Address(String address, String compound, String building, int households, String gridCode,
		Point location) {

}
