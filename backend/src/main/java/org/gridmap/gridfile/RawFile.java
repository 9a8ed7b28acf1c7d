package org.gridmap.gridfile;

import java.util.List;

/**
 * What a reader returns: the features, the coordinate system the file declares (or
 * {@code null} when it says nothing) and notes about what was dropped or assumed.
 */
record RawFile(String format, SourceCrs declared, List<RawFeature> features, List<String> notes) {
}
