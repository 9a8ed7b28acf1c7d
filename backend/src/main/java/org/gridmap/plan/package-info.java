/**
 * Planners redraw grid boundaries safely: draft plans (an append-only log of reshape,
 * split, merge, create, delete, attribute and staff changes against one street or
 * community), their derived draft grids, validation with JTS (coverage gaps, overlaps,
 * invalid geometry, household ranges, codes), the impact report, the atomic publish that
 * closes old grid versions and opens new ones on the effective date, optimistic
 * concurrency with ETags, and the history of every grid. The strict GeoJSON reader for
 * planners' input lives here too. The contract is {@code docs/planning.md}.
 */
package org.gridmap.plan;
