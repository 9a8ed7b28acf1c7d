-- Indexes for the assessment figures (org/gridmap/assessment/stats.sql), which join each
-- incident of a period to a few kinds of timeline step; without them every assessment
-- scanned the whole timeline (228,000 rows for the demo year; seven times that at scale).
--   reopen:   the first reopening per incident; reopens are rare, so this stays tiny and
--             is read whole into a hash
--   response: dispatch and acceptance per incident, for the departments' time to accept,
--             read by index-only probes (a month of the demo: 46 ms instead of 230 ms)
CREATE INDEX incident_event_reopen_idx ON incident_event (incident_id, at) WHERE action = 'reopen';
CREATE INDEX incident_event_response_idx ON incident_event (incident_id) INCLUDE (action, at)
    WHERE action IN ('dispatch', 'accept');
