-- The one audit row for the moves of apply.sql and apply-incidents.sql, and the triggers
-- back on for what follows in the transaction (the plan's applied_at, for one).
SELECT set_config('gridmap.audit', '', true),
       gridmap_audit_summary('plan ' || :plan || ' took effect: addresses and open incidents moved to its grids',
                             'plan', :plan::text,
                             jsonb_build_object('plan', :plan, 'addressesMoved', :addresses,
                                                'incidentsMoved', :incidents, 'publishedBy', :actor::text))
