/**
 * Errors as RFC 9457 problem details: the base type that each feature's error extends,
 * and the single mapping of every exception (feature, framework, database, unexpected) to
 * an {@code application/problem+json} response, inside controllers and outside them.
 */
package org.gridmap.problem;
