/**
 * The audit log: who wrote what and when, with the row before and after. The database
 * writes the rows itself (generic row triggers of {@code V12__audit.sql}); this package
 * tells it who is writing ({@link org.gridmap.audit.AuditWebFilter} puts the request's
 * principal into the Reactor context, {@link org.gridmap.audit.ActorConnectionFactory}
 * sets it on the connection that serves the request's writes and resets it after) and
 * serves the log to admins ({@code GET /api/v1/audit}).
 */
package org.gridmap.audit;
