/**
 * Proposed grids: partitions a community into compact, contiguous grids of about 400
 * households (300–500) from its address points, covering it exactly, reports how balanced
 * and compact the proposal is, and turns it into changes of a draft plan.
 */
package org.gridmap.proposal;
