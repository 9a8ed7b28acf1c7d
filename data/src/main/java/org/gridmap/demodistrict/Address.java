package org.gridmap.demodistrict;

import org.locationtech.jts.geom.Point;

/**
 * One dwelling.
 *
 * @param address the full Chinese address, e.g. 滴道区东兴街道幸福小区3号楼2单元501室
 * @param compound the residential compound 小区, or the village group for rural dwellings
 * @param building the building 楼栋, {@code null} for rural houses
 * @param households always 1
 * @param gridCode the grid whose interior holds the location
 * @param location WGS 84 lon/lat
 */
public record Address(String address, String compound, String building, int households, String gridCode,
		Point location) {

}
