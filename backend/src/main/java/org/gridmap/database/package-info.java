/**
 * The database connection: one URL setting from which the R2DBC pool and Flyway's JDBC
 * connection are derived, and the start-up report of what is loaded. Features own their
 * own queries; this package owns only how to reach the database.
 */
package org.gridmap.database;
