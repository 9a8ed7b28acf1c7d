/**
 * OGC API – Features under {@code /ogc}: landing page, conformance, the OpenAPI document,
 * collection metadata and streamed GeoJSON items for districts, streets, communities,
 * grids and stations, with bbox, paging, as-of instants and the Part 2 CRS parameters.
 */
package org.gridmap.ogc;
