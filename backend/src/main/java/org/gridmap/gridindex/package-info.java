/**
 * The in-memory index of the live grids: which grid holds a point, bit for bit as
 * {@code gridmap_lookup()} decides it, with each grid's lookup document and the nearest
 * station preloaded, kept current through PostgreSQL {@code LISTEN gridmap_grids_changed}
 * and swapped whole; and the bulk assignment of many points to grids that uses it.
 */
package org.gridmap.gridindex;
