/**
 * The road network that walking areas are computed on: edges with their end vertices and
 * a cost in metres (tables road_edge and road_vertex), the import of street lines from
 * GeoJSON with our own topology, and whether pgRouting and a network are there at all
 * ({@link RoadNetwork}, asked by the station feature before it computes network areas).
 */
package org.gridmap.network;
