package org.gridmap.ogc;

/**
 * Text that PostgreSQL wrote and the service passes on unchanged (a GeoJSON feature), as
 * the column's UTF-8 bytes: read through {@link Utf8TextCodec}, so it is never decoded
 * into a {@code String} only to be encoded back into the response.
 */
record Utf8Text(byte[] bytes) {

}
