/**
 * The database connection: one URL setting from which the R2DBC pool and Flyway's JDBC
 * connection are derived, the optional read pool on a streaming replica
 * ({@link org.gridmap.database.ReadDatabase}) for the reads that may lag, and the
 * start-up report of what is loaded. Features own their own queries; this package owns
 * only how to reach the database.
 */
package org.gridmap.database;
