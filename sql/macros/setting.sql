-- setting(name): the configuration's setting name (cxwarehouse.yml, as config.settings records it), typed as the
-- setting is (fcr_window_days an INTEGER, gross_margin a DOUBLE, currency a VARCHAR...): the DuckDB variable
-- cxw_<name> that every connection cxw opens on the warehouse sets (etl/CxWarehouse.Etl/Warehouse/SettingVariables.cs).
-- Models read settings only through it. name must be a constant ('fcr_window_days'); a setting not set on the
-- connection, as in a DuckDB client that did not run the SET VARIABLE statements of out/compiled/ddl/config.sql,
-- reads NULL.
create or replace macro setting(name) as getvariable('cxw_' || name)
