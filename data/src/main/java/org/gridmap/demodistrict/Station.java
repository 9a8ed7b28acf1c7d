package org.gridmap.demodistrict;

import java.util.List;

import org.locationtech.jts.geom.Point;

/**
 * A service station of the 15-minute living circle.
 *
 * @param code matches {@code ^[A-Za-z0-9_-]{1,40}$}, e.g. ST001
 * @param name the Chinese name
 * @param type 党群驿站, 民悦驿站, 网格服务站 or 暖新驿站
 * @param address the Chinese address
 * @param hours opening hours
 * @param phone the public phone number
 * @param services what it offers, in Chinese
 * @param location WGS 84 lon/lat
 */
public record Station(String code, String name, String type, String address, String hours, String phone,
		List<String> services, Point location) {

}
