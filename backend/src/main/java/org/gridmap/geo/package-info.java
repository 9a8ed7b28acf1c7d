/**
 * What every feature shares about coordinates and time: the accepted input coordinate
 * systems (WGS 84, CGCS2000, GCJ-02, BD-09) and their conversion at the edge, coordinate
 * checks, and "as of" instants. Nothing here touches the database.
 */
package org.gridmap.geo;
