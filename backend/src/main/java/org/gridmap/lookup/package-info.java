/**
 * "Which grid am I in": the single and batch lookup endpoints, and the point-in-polygon
 * query behind them, including the shared-edge rule (lowest grid code wins) and as-of
 * lookups.
 */
package org.gridmap.lookup;
