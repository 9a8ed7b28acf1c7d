-- Opens the plan's staff versions from its effective instant, in notice-board order.
INSERT INTO grid_staff (grid_code, role, name, phone, duties, sort_order, valid_from, opened_by_plan)
SELECT s.code, s.role, s.name, s.phone, s.duties, s.sort_order, :at, :plan
FROM unnest(:code::text[], :role::text[], :name::text[], :phone::text[], :duties::text[], :sortOrder::int[])
         AS s(code, role, name, phone, duties, sort_order)
