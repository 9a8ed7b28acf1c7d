package org.gridmap.assessment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.gridmap.assessment.StatsRepository.Line;
import org.gridmap.assessment.StatsRepository.Series;
import org.gridmap.assessment.StatsTable.Row;

/**
 * The assessment tables and series as CSV for spreadsheets: RFC 4180 (comma, CRLF, fields
 * with a comma, quote or line break in double quotes, quotes doubled), UTF-8 with a
 * byte-order mark so that Excel reads Chinese correctly, a header row in the chosen
 * language, rates as percentages ("85.7%", which Excel reads as numbers). Text that a
 * spreadsheet would take for a formula (starting with = + - @) gets a leading apostrophe.
 */
final class AssessmentCsv {

	static final String MEDIA_TYPE = "text/csv;charset=UTF-8;header=present";

	private static final String BOM = "\uFEFF";

	private static final Map<String, String> KINDS_ZH = Map.of("urban", "城镇网格", "rural", "农村网格", "special", "专属网格",
			"full_time", "专职网格员", "community", "社区", "village", "村", "street", "街道", "township", "乡镇");

	private static final Map<String, String> RATINGS_ZH = Map.of("green", "绿", "yellow", "黄", "red", "红", "none",
			"数据不足", "black", "黑榜");

	private static final Map<String, String> INDICATORS_ZH = Map.of("onTimeRate", "按期办结率", "closureRate", "办结率",
			"satisfiedShare", "满意率", "medianHoursToAccept", "接单用时中位数");

	private static final Map<String, String> CHANNELS_ZH = Map.of("app", "App 随手拍", "wechat", "微信小程序", "hotline",
			"12345 热线", "grid_worker", "网格员巡查", "open311", "Open311", "import", "导入", "other", "其他");

	private AssessmentCsv() {
	}

	private record Column(String zh, String en, Function<Row, Object> value) {
	}

	/** A rate, written as a percentage. */
	private record Percent(Double share, boolean signed) {
	}

	static byte[] table(StatsTable table, Grouping grouping, boolean zh) {
		List<Column> columns = new ArrayList<>(unitColumns(grouping, zh));
		columns.addAll(measureColumns(grouping, zh));
		StringBuilder out = new StringBuilder(BOM);
		line(out, columns.stream().map((c) -> (Object) (zh ? c.zh() : c.en())).toList());
		for (Row row : table.rows()) {
			line(out, columns.stream().map((c) -> c.value().apply(row)).toList());
		}
		List<Object> total = new ArrayList<>(columns.stream().map((c) -> c.value().apply(table.total())).toList());
		total.set(0, zh ? "合计" : "Total");
		line(out, total);
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	static byte[] series(Series series, String by, boolean zh) {
		StringBuilder out = new StringBuilder(BOM);
		List<Object> header = new ArrayList<>();
		header.add(zh ? "时段起始" : "Period start");
		for (Line line : series.lines()) {
			header.add(lineName(line, by, zh));
		}
		header.add(zh ? "合计" : "Total");
		line(out, header);
		for (int i = 0; i < series.buckets().size(); i++) {
			List<Object> values = new ArrayList<>();
			values.add(series.buckets().get(i).toString());
			long sum = 0;
			for (Line line : series.lines()) {
				values.add(line.counts()[i]);
				sum += line.counts()[i];
			}
			values.add(sum);
			line(out, values);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String lineName(Line line, String by, boolean zh) {
		if ("channel".equals(by)) {
			return zh ? CHANNELS_ZH.getOrDefault(line.key(), line.key()) : line.key();
		}
		String name = zh ? line.name() : line.nameEn();
		return (name != null) ? name : line.key();
	}

	private static List<Column> unitColumns(Grouping grouping, boolean zh) {
		Function<Row, Object> kind = (row) -> (row.unit() == null) ? null
				: zh ? KINDS_ZH.getOrDefault(row.unit().kind(), row.unit().kind()) : row.unit().kind();
		return switch (grouping) {
			case GRIDS -> List.of(new Column("网格编码", "Grid code", unit(Unit::code)),
					new Column("网格", "Grid", unit(Unit::name)), new Column("类型", "Type", kind),
					new Column("社区/村编码", "Community code", unit(Unit::communityCode)),
					new Column("社区/村", "Community", unit(Unit::communityName)),
					new Column("街道/乡镇编码", "Street code", unit(Unit::streetCode)),
					new Column("街道/乡镇", "Street", unit(Unit::streetName)));
			case WORKERS -> List.of(new Column("人员编号", "Staff id", unit(Unit::code)),
					new Column("网格员", "Grid worker", unit(Unit::name)),
					new Column("网格编码", "Grid code", unit(Unit::gridCode)),
					new Column("网格", "Grid", unit(Unit::gridName)),
					new Column("社区/村", "Community", unit(Unit::communityName)),
					new Column("街道/乡镇", "Street", unit(Unit::streetName)));
			case COMMUNITIES -> List.of(new Column("社区/村编码", "Community code", unit(Unit::code)),
					new Column("社区/村", "Community", unit(Unit::name)), new Column("类型", "Kind", kind),
					new Column("街道/乡镇编码", "Street code", unit(Unit::streetCode)),
					new Column("街道/乡镇", "Street", unit(Unit::streetName)));
			case STREETS -> List.of(new Column("街道/乡镇编码", "Street code", unit(Unit::code)),
					new Column("街道/乡镇", "Street", unit(Unit::name)), new Column("类型", "Kind", kind));
			case DEPARTMENTS -> List.of(new Column("部门编码", "Department code", unit(Unit::code)),
					new Column("部门", "Department", unit(Unit::name)),
					new Column("英文名称", "English name", unit(Unit::nameEn)));
		};
	}

	private static List<Column> measureColumns(Grouping grouping, boolean zh) {
		boolean departments = grouping == Grouping.DEPARTMENTS;
		List<Column> columns = new ArrayList<>(List.of(new Column("上报数", "Reports", now(Measures::reports)),
				new Column("驳回数", "Rejected", now(Measures::rejected)),
				new Column("受理数", "Registered", now(Measures::registered)),
				new Column("受理率", "Registered share", percent(now(Measures::registeredShare))),
				new Column("办结数", "Closed", now(Measures::closed)),
				new Column("办结率", "Closure rate", percent(now(Measures::closureRate))),
				new Column("应办结数", "Due", now(Measures::due)),
				new Column("按期办结数", "Closed on time", now(Measures::onTime)),
				new Column("按期办结率", "On-time rate", percent(now(Measures::onTimeRate))),
				new Column("办结用时中位数（小时）", "Median hours to close", now(Measures::medianHoursToClose)),
				new Column("重新办理数", "Reopened", now(Measures::reopened)),
				new Column("重新办理率", "Reopen rate", percent(now(Measures::reopenRate))),
				new Column("评价数", "Rated", now(Measures::rated)),
				new Column("平均评分", "Mean rating", now(Measures::meanRating)),
				new Column("满意数（4–5分）", "Satisfied (4–5)", now(Measures::satisfied)),
				new Column("满意率", "Satisfied share", percent(now(Measures::satisfiedShare)))));
		if (departments) {
			columns.add(new Column("派单数", "Dispatched", now(Measures::dispatched)));
			columns.add(new Column("接单用时中位数（小时）", "Median hours to accept", now(Measures::medianHoursToAccept)));
		}
		columns.add(new Column("三色预警", "Rating", (row) -> rating(row.rating(), zh)));
		columns.add(new Column("预警原因", "Reasons", (row) -> reasons(row.reasons(), zh)));
		if (departments) {
			columns.add(new Column("红黑榜", "Roll", (row) -> roll(row.roll(), zh)));
		}
		columns.addAll(List.of(new Column("上期评级", "Previous rating", (row) -> rating(row.previousRating(), zh)),
				new Column("上期上报数", "Previous reports", before(Measures::reports)),
				new Column("上报数增减", "Change in reports", (row) -> signed(row.trend().reports())),
				new Column("上期办结率", "Previous closure rate", percent(before(Measures::closureRate))),
				new Column("办结率增减", "Change in closure rate", signedPercent((row) -> row.trend().closureRate())),
				new Column("上期按期办结率", "Previous on-time rate", percent(before(Measures::onTimeRate))),
				new Column("按期办结率增减", "Change in on-time rate", signedPercent((row) -> row.trend().onTimeRate())),
				new Column("上期满意率", "Previous satisfied share", percent(before(Measures::satisfiedShare))),
				new Column("满意率增减", "Change in satisfied share", signedPercent((row) -> row.trend().satisfiedShare())),
				new Column("上期办结用时中位数（小时）", "Previous median hours to close", before(Measures::medianHoursToClose)),
				new Column("办结用时增减（小时）", "Change in median hours to close",
						(row) -> signed(row.trend().medianHoursToClose()))));
		return columns;
	}

	private static Function<Row, Object> unit(Function<Unit, String> field) {
		return (row) -> (row.unit() != null) ? field.apply(row.unit()) : null;
	}

	private static Function<Row, Object> now(Function<Measures, Object> field) {
		return (row) -> field.apply(row.current());
	}

	private static Function<Row, Object> before(Function<Measures, Object> field) {
		return (row) -> field.apply(row.previous());
	}

	private static Function<Row, Object> percent(Function<Row, Object> share) {
		return (row) -> new Percent((Double) share.apply(row), false);
	}

	private static Function<Row, Object> signedPercent(Function<Row, Double> share) {
		return (row) -> new Percent(share.apply(row), true);
	}

	private static String signed(Number value) {
		if (value == null) {
			return null;
		}
		String text = (value instanceof Double d) ? number(d) : value.toString();
		return (value.doubleValue() > 0) ? "+" + text : text;
	}

	private static String rating(String rating, boolean zh) {
		return (rating == null) ? null : zh ? RATINGS_ZH.getOrDefault(rating, rating) : rating;
	}

	private static String roll(String roll, boolean zh) {
		if (roll == null) {
			return null;
		}
		return zh ? ("red".equals(roll) ? "红榜" : "黑榜") : roll;
	}

	private static String reasons(List<Thresholds.Reason> reasons, boolean zh) {
		if (reasons == null || reasons.isEmpty()) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		for (Thresholds.Reason reason : reasons) {
			boolean hours = reason.indicator().startsWith("medianHours");
			String value = hours ? number(reason.value()) + (zh ? "小时" : " h") : percentText(reason.value(), false);
			parts.add(zh
					? INDICATORS_ZH.getOrDefault(reason.indicator(), reason.indicator()) + " " + value + "（"
							+ RATINGS_ZH.get(reason.colour()) + "）"
					: reason.indicator() + " " + value + " (" + reason.colour() + ")");
		}
		return String.join(zh ? "；" : "; ", parts);
	}

	private static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return String.format(Locale.ROOT, "%.2f", value).replaceAll("0$", "");
	}

	private static String percentText(Double share, boolean signed) {
		if (share == null) {
			return null;
		}
		String text = String.format(Locale.ROOT, "%.1f%%", share * 100);
		return (signed && share > 0) ? "+" + text : text;
	}

	private static void line(StringBuilder out, List<Object> values) {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(field(values.get(i)));
		}
		out.append("\r\n");
	}

	/**
	 * One field: numbers as they are, text guarded against formulas and quoted if needed.
	 */
	static String field(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Percent percent) {
			String text = percentText(percent.share(), percent.signed());
			return (text != null) ? text : "";
		}
		if (value instanceof Double d) {
			return number(d);
		}
		if (value instanceof Number) {
			return value.toString();
		}
		String text = value.toString();
		boolean signedNumber = text.matches("^[+-][0-9][0-9.]*%?$");
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !signedNumber) {
			text = "'" + text;
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

}
