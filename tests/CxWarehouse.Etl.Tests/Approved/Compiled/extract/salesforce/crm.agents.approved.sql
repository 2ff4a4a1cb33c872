-- salesforce crm.agents: the typed select the extraction runs over each file of this stream,
-- here as resolved for users.csv, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "agent_id", "username", "name", "location_id",
    nullif(concat_ws('; ', CASE WHEN "r__agent_id" IS NULL THEN 'Id' || ': required value is missing' END), '') AS _error,
    coalesce(CASE WHEN "r__agent_id" IS NULL THEN 'Id' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__agent_id",
    CAST("r__agent_id" AS VARCHAR) AS "agent_id",
    "r__username",
    CAST("r__username" AS VARCHAR) AS "username",
    "r__name",
    CAST("r__name" AS VARCHAR) AS "name",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN CASE WHEN contains("v__agent_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__agent_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__agent_id"))) THEN nullif(CASE WHEN starts_with("v__agent_id", ' ') THEN CASE WHEN trim("v__agent_id") = '' THEN '' ELSE "v__agent_id" END ELSE "v__agent_id" END, '') END AS "r__agent_id",
        CASE WHEN CASE WHEN contains("v__username", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__username")) ELSE true END THEN nullif(CASE WHEN starts_with("v__username", ' ') THEN CASE WHEN trim("v__username") = '' THEN '' ELSE "v__username" END ELSE "v__username" END, '') END AS "r__username",
        CASE WHEN CASE WHEN contains("v__name", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__name")) ELSE true END THEN nullif(CASE WHEN starts_with("v__name", ' ') THEN CASE WHEN trim("v__name") = '' THEN '' ELSE "v__name" END ELSE "v__name" END, '') END AS "r__name",
        CASE WHEN CASE WHEN contains("v__location_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__location_id")) ELSE true END THEN nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') END AS "r__location_id"
            FROM (
                SELECT src._record, false AS _deleted,
            "Id" AS "v__agent_id",
            "Username" AS "v__username",
            CAST((coalesce(nullif(trim("Name"), ''), trim(concat_ws(' ', "FirstName", "LastName")))) AS VARCHAR) AS "v__name",
            "Location__c" AS "v__location_id"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
