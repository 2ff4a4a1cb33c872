-- The seeds: the CSV files under sql/seeds, and the KPI declarations of sql/kpis.yml.

-- name: seed
-- seeds.<file name> from the CSV file $1, every row read to infer the types.
CREATE OR REPLACE TABLE seeds.{{ name }} AS SELECT * FROM read_csv($1, header = true, auto_detect = true, sample_size = -1)

-- name: kpi_registry
-- seeds.kpi_registry, which marts.kpi_registry reads.
CREATE OR REPLACE TABLE seeds.kpi_registry (kpi VARCHAR PRIMARY KEY, label VARCHAR, description VARCHAR,
    unit VARCHAR, direction VARCHAR, formula VARCHAR, source VARCHAR, min_sample INTEGER, target DOUBLE,
    tolerance DOUBLE, display_order INTEGER, relation VARCHAR, numerator_sql VARCHAR,
    denominator_sql VARCHAR, value_sql VARCHAR, dimensions VARCHAR[], grains VARCHAR[], unit_label VARCHAR,
    interval_method VARCHAR)

-- name: insert_kpi
-- $16 (dimensions) and $17 (grains) as comma-separated lists.
INSERT INTO seeds.kpi_registry VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, string_split($16, ','), string_split($17, ','), $18, $19)
