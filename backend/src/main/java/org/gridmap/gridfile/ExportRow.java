package org.gridmap.gridfile;

import java.time.OffsetDateTime;

/**
 * One grid on its way into an export file: its attributes and either the text PostGIS
 * wrote for it (a GeoJSON Feature or a CSV line) or its WKB for the GeoPackage writer.
 */
record ExportRow(String code, String name, String type, Integer households, Integer population, String communityCode,
		String streetCode, OffsetDateTime validFrom, String text, byte[] wkb) {
}
