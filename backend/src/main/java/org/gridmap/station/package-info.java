/**
 * Service stations and the 15-minute living circle: the station management API (with
 * ETag/If-Match), a station's geodesic circle and network walking area with the grids it
 * serves, coverage of households by all stations (overall, per street, community and
 * grid, the uncovered addresses, the most overlapping pairs) and greedy siting of new
 * stations. The road network itself belongs to {@code network}; this package asks it only
 * whether walking areas can be computed.
 */
package org.gridmap.station;
