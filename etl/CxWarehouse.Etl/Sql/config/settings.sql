-- The configuration as tables an analyst reads (cxwarehouse.yml): config.settings (key, value as text; the models
-- read the same settings as typed variables through setting(name)), config.targets, config.sources (competitor:
-- the competitor whose reviews the source holds, NULL for the business's own data), config.topics (the taxonomy
-- cx_topics tags with: each topic, its parent, NULL at the top, and its order) and config.loyalty_tiers.

-- name: settings
CREATE OR REPLACE TABLE config.settings (key VARCHAR PRIMARY KEY, value VARCHAR)

-- name: insert_setting
INSERT INTO config.settings VALUES ($1, $2)

-- name: targets
CREATE OR REPLACE TABLE config.targets (kpi VARCHAR PRIMARY KEY, target DOUBLE)

-- name: insert_target
INSERT INTO config.targets VALUES ($1, $2)

-- name: sources
CREATE OR REPLACE TABLE config.sources (name VARCHAR, kind VARCHAR, profile VARCHAR, competitor VARCHAR)

-- name: insert_source
INSERT INTO config.sources VALUES ($1, $2, $3, $4)

-- name: topics
CREATE OR REPLACE TABLE config.topics (topic VARCHAR PRIMARY KEY, parent VARCHAR, position INTEGER)

-- name: insert_topic
INSERT INTO config.topics VALUES ($1, $2, $3)

-- name: loyalty_tiers
CREATE OR REPLACE TABLE config.loyalty_tiers (tier VARCHAR PRIMARY KEY, min_spend DOUBLE)

-- name: insert_loyalty_tier
INSERT INTO config.loyalty_tiers VALUES ($1, $2)
