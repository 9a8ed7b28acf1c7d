/**
 * Incidents (事件) and the closed loop: intake from every channel with assignment to grid,
 * worker and department, deadlines from the admitted-matters list, the workflow with its
 * append-only timeline, idempotent submission, photos without EXIF, and the live stream
 * of steps fed by PostgreSQL LISTEN/NOTIFY.
 */
package org.gridmap.incident;
