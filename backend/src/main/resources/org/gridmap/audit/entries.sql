-- The admins' reading of the audit log (GET /api/v1/audit): newest first, filtered by time
-- range, actor, table and row key, one page written as JSON by PostgreSQL (before/after are
-- jsonb already). One row past the page is read to tell whether another page follows.
-- Newest first by id (ids grow with every insert); audit_log_at_idx, audit_log_actor_idx
-- and audit_log_row_idx serve the filters.
SELECT coalesce(json_agg(json_build_object('id', e.id, 'at', e.at, 'actor', e.actor, 'dbUser', e.db_user,
                                           'action', e.action, 'table', e.table_name, 'key', e.row_key,
                                           'before', e.before, 'after', e.after, 'request', e.request,
                                           'requestId', e.request_id, 'transactionId', e.transaction_id)
                         ORDER BY e.id DESC) FILTER (WHERE e.n <= :limit), '[]')::text AS entries,
       count(*) > :limit AS more
FROM (SELECT p.*, row_number() OVER (ORDER BY p.id DESC) AS n
      FROM (SELECT * FROM audit_log
            WHERE (:from::timestamptz IS NULL OR at >= :from::timestamptz)
              AND (:to::timestamptz IS NULL OR at < :to::timestamptz)
              AND (:actor::text IS NULL OR actor = :actor::text)
              AND (:table::text IS NULL OR table_name = :table::text)
              AND (:key::text IS NULL OR row_key = :key::text)
            ORDER BY id DESC
            LIMIT :limit + 1 OFFSET :offset) p) e
