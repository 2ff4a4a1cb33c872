-- The schemas the warehouse's catalogue fills: raw views over the lake, the run history, the configuration and
-- the seeds (the models' schemas are created as their models are built).
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS config;
CREATE SCHEMA IF NOT EXISTS seeds;
