-- Makes the monthly partitions of incident (V10) from last month to :monthsAhead months ahead,
-- so that live reports land in their month's partition, not in the default one. A no-op
-- (a catalogue read, no lock) when they exist; returns how many it made.
SELECT gridmap_ensure_incident_partitions(now() - interval '1 month',
                                          now() + make_interval(months => :monthsAhead)) AS made
