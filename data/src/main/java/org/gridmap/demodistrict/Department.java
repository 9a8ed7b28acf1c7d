package org.gridmap.demodistrict;

/**
 * A department that owns matters of the admitted-matters list.
 *
 * @param code matches {@code ^[a-z0-9_-]{1,40}$}
 * @param name the Chinese name
 * @param nameEn the English name
 * @param hotline the public phone number
 */
public record Department(String code, String name, String nameEn, String hotline) {

}
