/**
 * How the libraries' Apache Commons Logging calls reach SLF4J: through a factory that
 * asks for the level before a message is built. Commons Logging 1.3's own SLF4J adapter
 * turns every message into a string first, so the lazy debug messages of Spring
 * Security's matchers were formatted on every request and thrown away.
 */
package org.gridmap.logging;
