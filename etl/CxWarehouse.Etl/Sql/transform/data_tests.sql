-- The generic data tests (DataTestCatalog): each select returns the failing rows of {{ relation }}; {{ column }} is
-- the tested column. The runner (DataTestRunner) counts them (count) and shows a few (examples).

-- name: unique
-- Grouped first by the value's 64-bit hash, then exactly, only where two values share a hash: the same failing rows,
-- but the 9.4 million GA4 event keys at scale 100 (60-byte strings) are grouped as integers (2.1 s -> about 0.9 s).
-- The runner asks unique_guard first and this only when two values share a hash; {{ guard }} is unique_guard.
SELECT {{ column }}, count(*) AS occurrences FROM {{ relation }} WHERE {{ column }} IS NOT NULL AND hash({{ column }}) IN ({{ guard }}) GROUP BY {{ column }} HAVING count(*) > 1

-- name: unique_guard
-- The values' hashes that repeat: none, and no value repeats. The test itself scans the relation a second time even
-- when this finds nothing (9.4 million GA4 event keys at scale 100: 1.2 s for this alone, 1.9 s for the test).
SELECT hash({{ column }}) FROM {{ relation }} WHERE {{ column }} IS NOT NULL GROUP BY 1 HAVING count(*) > 1

-- name: not_null
SELECT * FROM {{ relation }} WHERE {{ column }} IS NULL

-- name: accepted_values
-- {{ values }}: the accepted values as text literals.
SELECT {{ column }} AS value, count(*) AS occurrences FROM {{ relation }} WHERE {{ column }} IS NOT NULL AND CAST({{ column }} AS VARCHAR) NOT IN ({{ values }}) GROUP BY 1

-- name: relationships
-- {{ to }}: the parent table, {{ field }} its column.
SELECT child.{{ column }} FROM {{ relation }} AS child LEFT JOIN {{ to }} AS parent ON child.{{ column }} = parent.{{ field }} WHERE child.{{ column }} IS NOT NULL AND parent.{{ field }} IS NULL

-- name: expression
-- {{ expression }}: the test's condition, true for a good row.
SELECT * FROM {{ relation }} WHERE NOT coalesce(({{ expression }}), false)

-- name: count
SELECT count(*) FROM ({{ test }}) AS failing

-- name: examples
-- {{ limit }}: how many failing rows to show.
SELECT * FROM ({{ test }}) AS failing LIMIT {{ limit }}
