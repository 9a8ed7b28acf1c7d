-- Records that addresses and incidents have followed the plan.
UPDATE plan SET applied_at = clock_timestamp() WHERE id = :plan
