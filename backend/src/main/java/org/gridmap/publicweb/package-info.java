/**
 * The pages people open: the entry page and the map (later the planner, public lookup and
 * notice boards), routed to the static files of the web-map module.
 */
package org.gridmap.publicweb;
