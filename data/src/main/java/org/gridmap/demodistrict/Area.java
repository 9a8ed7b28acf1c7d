package org.gridmap.demodistrict;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * An administrative area: the district, a street or township, a community or village.
 *
 * @param level {@code district}, {@code street} or {@code community}
 * @param kind {@code district}, {@code street}, {@code township}, {@code community} or
 * {@code village}
 * @param code 6, 9 or 12 digits: the parent's code and three more digits
 * @param parentCode the parent's code, {@code null} for the district
 * @param name the Chinese name, e.g. 东兴街道
 * @param geometry WGS 84 lon/lat
 */
public record Area(String level, String kind, String code, String parentCode, String name, MultiPolygon geometry) {

}
