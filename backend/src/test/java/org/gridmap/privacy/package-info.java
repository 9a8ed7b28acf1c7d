/**
 * Tests of what the public may see: no personal field in any public output, photos
 * without metadata, the public point snapped deterministically.
 */
package org.gridmap.privacy;
