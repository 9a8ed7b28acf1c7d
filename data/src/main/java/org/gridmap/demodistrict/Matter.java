package org.gridmap.demodistrict;

/**
 * A matter of the admitted-matters list 事项准入清单.
 *
 * @param code matches {@code ^[a-z0-9_-]{1,40}$}, doubles as Open311 service code
 * @param name the Chinese name
 * @param nameEn the English name
 * @param departmentCode the owning department
 * @param tier {@code small}, {@code medium} or {@code complex}
 * @param timeLimitHours 2, 48 or 168 according to the tier
 * @param description one sentence in Chinese
 */
public record Matter(String code, String name, String nameEn, String departmentCode, String tier, int timeLimitHours,
		String description) {

}
