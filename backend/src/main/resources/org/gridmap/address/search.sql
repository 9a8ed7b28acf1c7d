-- Address search for residents typing part of an address ("幸福小区3号楼", "红旗村三组"):
-- trigram word similarity over the address text (GIN index address_text_trgm_idx serves
-- the <% operator), ranked: addresses that contain the text as typed first, then by
-- similarity, then the shorter (less specific) address, then id for a stable order.
-- :like is the query with LIKE wildcards escaped.
SELECT json_build_object(
           'id', a.id,
           'address', a.address,
           'compound', a.compound,
           'building', a.building,
           'lon', ST_X(a.geom),
           'lat', ST_Y(a.geom),
           'gridCode', a.grid_code,
           'gridName', g.name,
           'score', round(word_similarity(:q, a.address)::numeric, 3))::text AS result
FROM address a
LEFT JOIN grid g ON g.code = a.grid_code AND g.valid_to = 'infinity'
WHERE :q <% a.address
ORDER BY (a.address LIKE '%' || :like || '%') DESC, word_similarity(:q, a.address) DESC, length(a.address), a.id
LIMIT :limit
