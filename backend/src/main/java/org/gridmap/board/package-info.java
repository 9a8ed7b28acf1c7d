/**
 * The grid's public notice board 网格公示牌: the board document (grid, community chain, staff
 * and their duties, hotline, nearest service stations, outline) for one grid or for every
 * grid of a street or community at once, and the QR code printed on the board that opens
 * the public lookup page on that grid.
 */
package org.gridmap.board;
