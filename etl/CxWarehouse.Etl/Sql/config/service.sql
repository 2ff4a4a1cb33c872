-- The service calendar and SLA targets (cxwarehouse.yml service:): config.business_hours (location_id NULL =
-- every location's default week; a location's rows replace the default on their weekdays, NULL times closing it;
-- closes 00:00 is the midnight that ends the day), config.holidays (location_id NULL = all) and
-- config.sla_targets.

-- name: business_hours
CREATE OR REPLACE TABLE config.business_hours (location_id VARCHAR, iso_weekday INTEGER, opens TIME,
    closes TIME)

-- name: insert_business_hours
-- $3 and $4 as HH:MM:SS texts, NULL when closed.
INSERT INTO config.business_hours VALUES ($1, $2, CAST($3 AS TIME), CAST($4 AS TIME))

-- name: holidays
CREATE OR REPLACE TABLE config.holidays (holiday_date DATE, name VARCHAR, location_id VARCHAR)

-- name: insert_holiday
-- $1 as yyyy-MM-dd.
INSERT INTO config.holidays VALUES (CAST($1 AS DATE), $2, $3)

-- name: sla_targets
CREATE OR REPLACE TABLE config.sla_targets (channel VARCHAR PRIMARY KEY, first_response_minutes DOUBLE,
    clock VARCHAR)

-- name: insert_sla_target
INSERT INTO config.sla_targets VALUES ($1, $2, $3)
