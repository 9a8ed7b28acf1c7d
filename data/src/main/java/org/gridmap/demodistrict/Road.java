package org.gridmap.demodistrict;

import org.locationtech.jts.geom.LineString;

/**
 * One edge of the demo street network: a straight piece of street between two crossings.
 * Pieces meet exactly at shared end points, so the network's topology is given by equal
 * coordinates.
 *
 * @param name the street's Chinese name (经三路, 纬五路), {@code null} for an unnamed lane
 * @param kind {@code arterial} (the 600 m lattice over the whole district) or
 * {@code local} (the 200 m lattice in town and around dwellings)
 * @param geometry WGS 84 lon/lat, two points
 */
public record Road(String name, String kind, LineString geometry) {

}
