/**
 * Household addresses: search by partial Chinese text (pg_trgm word similarity), ranked,
 * with each address's point and grid.
 */
package org.gridmap.address;
