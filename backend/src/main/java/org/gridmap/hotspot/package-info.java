/**
 * Hotspots: where incidents concentrate. Incidents aggregated into hexagonal cells in
 * SQL, each classed by the Getis-Ord Gi* statistic with a false-discovery-rate
 * correction, as GeoJSON ({@code /api/v1/hotspots}) and as the vector-tile layer
 * {@code /tiles/hotspots/{z}/{x}/{y}.mvt}; and the grid choropleth of incidents per 1,000
 * households ({@code /api/v1/hotspots/grids}).
 */
package org.gridmap.hotspot;
