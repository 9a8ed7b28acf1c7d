package org.gridmap.assessment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gridmap.assessment.StatsRepository.Figures;
import org.gridmap.assessment.StatsRepository.Series;
import org.gridmap.assessment.StatsTable.Row;
import org.gridmap.geo.AsOf;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /api/v1/stats/{grids|workers|communities|streets|departments}}: the assessment
 * tables (考核), and {@code /api/v1/stats/series}: reports over time for the charts. JSON
 * by default, CSV with {@code ?format=csv} or {@code Accept: text/csv}.
 *
 * <p>
 * Parameters: {@code from}, {@code to} (ISO dates, midnight in the district's time zone,
 * or date-times; the period is [from, to); without both, the last complete calendar
 * month; at most {@code GRIDMAP_ASSESSMENT_MAX_DAYS}), {@code street} (9 digits) or
 * {@code community} (12 digits) to look inside one area, {@code lang} (zh, en: the CSV
 * headers), and for the series {@code interval} (day, week, month; by default day up to
 * 62 days, week up to 366, else month) and {@code by} (matter, department, channel).
 *
 * <p>
 * What the figures mean is documented on {@link Measures} and {@link Thresholds}, and in
 * the README: the reports of a period are judged at its end (or now, if earlier), and the
 * previous period of the same length is judged the same way at its own end, so the trend
 * compares like with like.
 */
@RestController
@EnableConfigurationProperties(Thresholds.class)
class AssessmentController {

	static final Set<String> TABLE_PARAMETERS = Set.of("from", "to", "street", "community", "format", "lang");

	static final Set<String> SERIES_PARAMETERS = Set.of("from", "to", "street", "community", "format", "lang",
			"interval", "by");

	static final Set<String> INTERVALS = Set.of("day", "week", "month");

	static final Set<String> SERIES_BY = Set.of("matter", "department", "channel");

	private final StatsRepository repository;

	private final Thresholds thresholds;

	private final JsonMapper json;

	private final ZoneId zone;

	AssessmentController(StatsRepository repository, Thresholds thresholds, JsonMapper json,
			@Value("${gridmap.time-zone}") ZoneId zone) {
		this.repository = repository;
		this.thresholds = thresholds;
		this.json = json;
		this.zone = zone;
	}

	@GetMapping("/api/v1/stats/{grouping:" + Grouping.PATTERN + "}")
	Mono<ResponseEntity<byte[]>> table(@PathVariable String grouping, ServerWebExchange exchange) {
		Grouping by = Grouping.of(grouping);
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		checkNames(params, TABLE_PARAMETERS);
		boolean csv = csv(exchange);
		boolean zh = zh(params);
		Period period = Period.of(params.getFirst("from"), params.getFirst("to"), this.zone, this.thresholds.maxDays(),
				Instant.now());
		String street = code(params, "street", 9);
		String community = code(params, "community", 12);
		return this.repository.figures(by, period, street, community).map((figures) -> {
			StatsTable table = table(by, period, street, community, figures);
			if (csv) {
				return csvResponse(AssessmentCsv.table(table, by, zh), by.path(), period);
			}
			return jsonResponse(table);
		});
	}

	@GetMapping("/api/v1/stats/series")
	Mono<ResponseEntity<byte[]>> series(ServerWebExchange exchange) {
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		checkNames(params, SERIES_PARAMETERS);
		boolean csv = csv(exchange);
		boolean zh = zh(params);
		Period period = Period.of(params.getFirst("from"), params.getFirst("to"), this.zone, this.thresholds.maxDays(),
				Instant.now());
		String street = code(params, "street", 9);
		String community = code(params, "community", 12);
		String interval = choice(params, "interval", INTERVALS, defaultInterval(period));
		String by = choice(params, "by", SERIES_BY, "matter");
		return this.repository.series(interval, by, period.from(), period.to(), this.zone, street, community)
			.map((series) -> csv ? csvResponse(AssessmentCsv.series(series, by, zh), "series-" + by, period)
					: jsonResponse(document(series, interval, by, period, street, community)));
	}

	private StatsTable table(Grouping grouping, Period period, String street, String community, List<Figures> figures) {
		List<Row> rows = new ArrayList<>(figures.size());
		Row total = null;
		for (Figures f : figures) {
			Row row = row(grouping, f);
			if (f.unit() == null) {
				total = row;
			}
			else {
				rows.add(row);
			}
		}
		return new StatsTable(grouping.path(), AsOf.format(period.from()), AsOf.format(period.to()),
				AsOf.format(period.previousFrom()), AsOf.format(period.judgedAt()),
				AsOf.format(period.previousJudgedAt()), this.zone.getId(),
				(street != null || community != null) ? new StatsTable.Filter(street, community) : null,
				this.thresholds, rows, total);
	}

	private Row row(Grouping grouping, Figures f) {
		boolean departments = grouping == Grouping.DEPARTMENTS;
		Thresholds.Rating now = departments ? this.thresholds.rateDepartment(f.current())
				: this.thresholds.rate(f.current());
		Thresholds.Rating before = this.thresholds.rate(f.previous());
		return new Row(f.unit(), f.current(), f.previous(), Trend.between(f.current(), f.previous()), now.colour(),
				now.reasons(), before.colour(), now.roll());
	}

	/** The series as JSON: buckets (first local day), one line per key, totals. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	private record SeriesDocument(String by, String interval, String from, String to, String zone,
			StatsTable.Filter filter, List<LocalDate> buckets, List<StatsRepository.Line> series, long[] totals) {
	}

	private SeriesDocument document(Series series, String interval, String by, Period period, String street,
			String community) {
		long[] totals = new long[series.buckets().size()];
		for (StatsRepository.Line line : series.lines()) {
			for (int i = 0; i < totals.length; i++) {
				totals[i] += line.counts()[i];
			}
		}
		return new SeriesDocument(by, interval, AsOf.format(period.from()), AsOf.format(period.to()), this.zone.getId(),
				(street != null || community != null) ? new StatsTable.Filter(street, community) : null,
				series.buckets(), series.lines(), totals);
	}

	private static String defaultInterval(Period period) {
		Duration length = Duration.between(period.from(), period.to());
		if (length.compareTo(Duration.ofDays(62)) <= 0) {
			return "day";
		}
		return (length.compareTo(Duration.ofDays(366)) <= 0) ? "week" : "month";
	}

	private ResponseEntity<byte[]> jsonResponse(Object document) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8));
	}

	private ResponseEntity<byte[]> csvResponse(byte[] body, String what, Period period) {
		LocalDate first = period.from().atZoneSameInstant(this.zone).toLocalDate();
		LocalDate last = period.to().minusNanos(1).atZoneSameInstant(this.zone).toLocalDate();
		String name = "gridmap-" + what + "-" + first + "_" + last + ".csv";
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(AssessmentCsv.MEDIA_TYPE))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

	/**
	 * CSV when {@code format=csv}, or without {@code format} when the Accept header
	 * prefers text/csv to JSON; JSON otherwise.
	 */
	private static boolean csv(ServerWebExchange exchange) {
		String format = exchange.getRequest().getQueryParams().getFirst("format");
		if (format != null) {
			return switch (format) {
				case "csv" -> true;
				case "json" -> false;
				default -> throw AssessmentProblem.invalid("format", "Unknown format '"
						+ AssessmentProblem.abbreviate(format) + "'; formats are json (default) and csv");
			};
		}
		double csv = 0;
		double json = 0;
		List<MediaType> accepted;
		try {
			accepted = exchange.getRequest().getHeaders().getAccept();
		}
		catch (RuntimeException ex) {
			return false;
		}
		for (MediaType type : accepted) {
			double quality = type.getQualityValue();
			if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
				csv = Math.max(csv, quality);
			}
			else if (type.includes(MediaType.APPLICATION_JSON)) {
				json = Math.max(json, quality);
			}
		}
		return csv > 0 && csv >= json;
	}

	private static boolean zh(MultiValueMap<String, String> params) {
		return "zh".equals(choice(params, "lang", Set.of("zh", "en"), "zh"));
	}

	private static void checkNames(MultiValueMap<String, String> params, Set<String> allowed) {
		for (String name : params.keySet()) {
			if (!allowed.contains(name)) {
				throw AssessmentProblem.invalid(name, "Unknown query parameter '" + AssessmentProblem.abbreviate(name)
						+ "'; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()));
			}
		}
	}

	private static String choice(MultiValueMap<String, String> params, String name, Set<String> allowed,
			String fallback) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		if (!allowed.contains(value)) {
			throw AssessmentProblem.invalid(name,
					"'" + name + "' must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", not '"
							+ AssessmentProblem.abbreviate(value) + "'");
		}
		return value;
	}

	private static String code(MultiValueMap<String, String> params, String name, int digits) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.matches("^[0-9]{" + digits + "}$")) {
			throw AssessmentProblem.invalid(name, "'" + name + "' must be a " + digits + "-digit code");
		}
		return value;
	}

}
