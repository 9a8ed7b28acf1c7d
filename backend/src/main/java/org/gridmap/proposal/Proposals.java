package org.gridmap.proposal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.gridmap.database.SqlScript;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Proposes grids for a community: reads its outline and address points as they stand at
 * an instant and partitions it with {@link Partitioner}. Used by {@code POST
 * /api/v1/proposals} and, to turn a proposal into changes of a draft plan, by the plan's
 * {@code POST /api/v1/plans/{id}/proposal}.
 */
@Service
public class Proposals {

	/** Defaults of the 300–500 household rule. */
	public static final int TARGET = 400;

	public static final int MIN = 300;

	public static final int MAX = 500;

	static final int LIMIT = 100_000;

	/** Members a proposal request may carry (author and note for the plan's endpoint). */
	static final Set<String> MEMBERS = Set.of("community", "targetHouseholds", "minHouseholds", "maxHouseholds",
			"author", "note");

	private static final String COMMUNITY = SqlScript.load(Proposals.class, "community.sql");

	private static final String ADDRESSES = SqlScript.load(Proposals.class, "addresses.sql");

	private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

	private final DatabaseClient db;

	Proposals(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Reads a request: {@code community} (12 digits, required), {@code targetHouseholds},
	 * {@code minHouseholds}, {@code maxHouseholds} (defaults 400, 300, 500).
	 * @throws ProposalProblem 400 naming the member that is wrong
	 */
	public static Proposal.Request request(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw ProposalProblem.invalid("community", "The body is a JSON object with 'community' (a 12-digit code)");
		}
		for (String name : body.propertyNames()) {
			if (!MEMBERS.contains(name)) {
				throw ProposalProblem.invalid(name, "Unknown member '" + abbreviate(name) + "'; a proposal takes "
						+ String.join(", ", MEMBERS.stream().sorted().toList()));
			}
		}
		JsonNode community = body.get("community");
		if (community == null || !community.isString() || !community.asString().matches("^[0-9]{12}$")) {
			throw ProposalProblem.invalid("community", "'community' must be a community or village code of 12 digits");
		}
		int target = number(body, "targetHouseholds", TARGET);
		int min = number(body, "minHouseholds", Math.min(MIN, target));
		int max = number(body, "maxHouseholds", Math.max(MAX, target));
		if (target < 1) {
			throw ProposalProblem.invalid("targetHouseholds", "'targetHouseholds' must be at least 1");
		}
		if (min > target) {
			throw ProposalProblem.invalid("minHouseholds",
					"'minHouseholds' (" + min + ") must not exceed 'targetHouseholds' (" + target + ")");
		}
		if (max < target) {
			throw ProposalProblem.invalid("maxHouseholds",
					"'maxHouseholds' (" + max + ") must not be below 'targetHouseholds' (" + target + ")");
		}
		return new Proposal.Request(community.asString(), target, min, max);
	}

	/** Proposes grids for the community as it stands at {@code at}. */
	public Mono<Proposal> propose(Proposal.Request request, Instant at) {
		OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
		Mono<Community> community = this.db.sql(COMMUNITY)
			.bind("code", request.community())
			.bind("at", when)
			.map((row, meta) -> new Community(row.get("name", String.class), row.get("kind", String.class),
					geometry(row.get("wkb", ByteBuffer.class)), row.get("grid_type", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> ProposalProblem.communityNotFound(request.community())));
		Mono<List<Partitioner.Site>> sites = this.db.sql(ADDRESSES)
			.bind("code", request.community())
			.bind("at", when)
			.map((row, meta) -> new Partitioner.Site(
					new Coordinate(row.get("lon", Double.class), row.get("lat", Double.class)),
					row.get("households", Integer.class), 1))
			.all()
			.collectList();
		return community.zipWith(sites)
			.publishOn(Schedulers.boundedElastic())
			.map((loaded) -> partition(request, loaded.getT1(), loaded.getT2()));
	}

	private static Proposal partition(Proposal.Request request, Community community, List<Partitioner.Site> sites) {
		Partitioner.Result result = new Partitioner(FACTORY).partition(community.geometry(), sites,
				new Partitioner.Targets(request.target(), request.min(), request.max()));
		String type = (community.gridType() != null) ? community.gridType()
				: ("village".equals(community.kind()) ? "rural" : "urban");
		List<Proposal.Grid> grids = result.regions()
			.stream()
			.map((r) -> new Proposal.Grid(r.geometry(), r.households(), r.addresses(), r.areaM2(), r.polsbyPopper()))
			.toList();
		return new Proposal(request.community(), community.name(), type, request, grids, result.atoms(),
				result.locations(), result.sites());
	}

	private record Community(String name, String kind, Geometry geometry, String gridType) {
	}

	private static Geometry geometry(ByteBuffer wkb) {
		byte[] bytes = new byte[wkb.remaining()];
		wkb.get(bytes);
		try {
			return new WKBReader(FACTORY).read(bytes);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Unreadable community outline", ex);
		}
	}

	private static int number(JsonNode body, String name, int fallback) {
		JsonNode node = body.get(name);
		if (node == null || node.isNull()) {
			return fallback;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() > LIMIT) {
			throw ProposalProblem.invalid(name, "'" + name + "' must be a whole number from 0 to " + LIMIT);
		}
		return node.asInt();
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
