/**
 * Assessment (考核): per grid, full-time grid worker, community, street and department over
 * a period, the reports, registered share, closure and on-time rates, median time to
 * close, reopen rate and residents' satisfaction, computed in SQL; a green/yellow/red
 * rating (三色预警) from configurable thresholds, the departments' red and black rolls (红黑榜),
 * the trend against the previous period, time series for charts, and CSV export.
 */
package org.gridmap.assessment;
