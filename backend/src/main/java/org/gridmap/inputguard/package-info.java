/**
 * Checks every request gets before any feature reads it: the request line and headers
 * within their limits (414, 431 problems), and JSON bodies in UTF-8 (RFC 8259) whatever
 * charset the client names. The per-feature limits (body sizes, vertices, nesting, text
 * lengths) stay with the features that know them; docs/hostile-input.md lists them all.
 */
package org.gridmap.inputguard;
