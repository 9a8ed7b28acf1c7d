/**
 * Vector tiles: {@code /tiles/{layer}/{z}/{x}/{y}.mvt} for grids and the public
 * incidents, written by PostGIS, with content ETags so caches revalidate exactly when
 * data changes.
 */
package org.gridmap.tiles;
