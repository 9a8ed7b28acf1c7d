/**
 * Hotspots: incidents aggregated into hexagonal cells in SQL, each classed by the
 * Getis-Ord Gi* statistic with a false-discovery-rate correction.
 */
package org.gridmap.hotspot;
