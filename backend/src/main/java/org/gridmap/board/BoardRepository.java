package org.gridmap.board;

import java.time.OffsetDateTime;

import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Notice-board queries; the SQL is in boards.sql and grid-exists.sql next to this class.
 */
@Repository
class BoardRepository {

	private static final String BOARDS = SqlScript.load(BoardRepository.class, "boards.sql");

	private static final String GRID_EXISTS = SqlScript.load(BoardRepository.class, "grid-exists.sql");

	private final DatabaseClient db;

	BoardRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The board documents of the grids whose code starts with prefix (a grid, community
	 * or street code), valid at asOf, in grid-code order.
	 */
	Flux<String> boards(String prefix, OffsetDateTime asOf) {
		return this.db.sql(BOARDS).bind(0, prefix).bind(1, asOf).map((row, meta) -> row.get(0, String.class)).all();
	}

	/** Whether any version of the grid exists. */
	Mono<Boolean> gridExists(String code) {
		return this.db.sql(GRID_EXISTS).bind(0, code).map((row, meta) -> row.get(0, Boolean.class)).one();
	}

}
