-- salesforce crm.campaigns: the typed select the extraction runs over each file of this stream,
-- here as resolved for Campaign.csv, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "campaign_id", "name", "channel", "started_on", "ended_on", "spend", "currency", "location_id", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__campaign_id" IS NULL THEN 'Id' || ': required value is missing' END, CASE WHEN "r__started_on" IS NOT NULL AND "started_on" IS NULL THEN 'StartDate' || ': cannot read ''' || left("r__started_on", 60) || ''' as a date' END, CASE WHEN "r__ended_on" IS NOT NULL AND "ended_on" IS NULL THEN 'EndDate' || ': cannot read ''' || left("r__ended_on", 60) || ''' as a date' END, CASE WHEN "r__spend" IS NOT NULL AND "spend" IS NULL THEN 'ActualCost' || ': cannot read ''' || left("r__spend", 60) || ''' as an amount' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "spend" < 0 THEN 'ActualCost: ' || CAST("spend" AS VARCHAR) || ' is negative' || ' (rule spend_not_negative)' END, CASE WHEN "ended_on" < "started_on" THEN 'EndDate: ' || strftime("ended_on", '%Y-%m-%d') || ' is before StartDate ' || strftime("started_on", '%Y-%m-%d') || ' (rule ended_on_not_before_started_on)' END, CASE WHEN "started_on" < DATE '2000-01-01' THEN 'StartDate: ' || strftime("started_on", '%Y-%m-%d') || ' is before the earliest plausible date 2000-01-01' || ' (rule started_on_not_before_earliest)' END, CASE WHEN "ended_on" < DATE '2000-01-01' THEN 'EndDate: ' || strftime("ended_on", '%Y-%m-%d') || ' is before the earliest plausible date 2000-01-01' || ' (rule ended_on_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__campaign_id" IS NULL THEN 'Id' END, CASE WHEN "r__started_on" IS NOT NULL AND "started_on" IS NULL THEN 'StartDate' END, CASE WHEN "r__ended_on" IS NOT NULL AND "ended_on" IS NULL THEN 'EndDate' END, CASE WHEN "r__spend" IS NOT NULL AND "spend" IS NULL THEN 'ActualCost' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' END, CASE WHEN "spend" < 0 THEN 'ActualCost' END, CASE WHEN "ended_on" < "started_on" THEN 'EndDate' END, CASE WHEN "started_on" < DATE '2000-01-01' THEN 'StartDate' END, CASE WHEN "ended_on" < DATE '2000-01-01' THEN 'EndDate' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__campaign_id",
    CAST("r__campaign_id" AS VARCHAR) AS "campaign_id",
    "r__name",
    CAST("r__name" AS VARCHAR) AS "name",
    "r__channel",
    CAST("r__channel" AS VARCHAR) AS "channel",
    "r__started_on",
    CAST(TRY_CAST(trim("r__started_on") AS DATE) AS DATE) AS "started_on",
    "r__ended_on",
    CAST(TRY_CAST(trim("r__ended_on") AS DATE) AS DATE) AS "ended_on",
    "r__spend",
    CAST(CASE WHEN regexp_matches(trim("r__spend"), '^-?[0-9]{1,3}([.][0-9]{3})+$') THEN NULL WHEN contains(trim("r__spend"), ',') THEN CASE WHEN regexp_matches(trim("r__spend"), '^-?[0-9]{1,3}(,[0-9]{3})+([.][0-9]{1,2})?$') THEN TRY_CAST(replace(trim("r__spend"), ',', '') AS DECIMAL(18,2)) END ELSE TRY_CAST(trim("r__spend") AS DECIMAL(18,2)) END AS DECIMAL(18,2)) AS "spend",
    "r__currency",
    CAST("r__currency" AS VARCHAR) AS "currency",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__updated_at",
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN CASE WHEN contains("v__campaign_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__campaign_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__campaign_id"))) THEN nullif(CASE WHEN starts_with("v__campaign_id", ' ') THEN CASE WHEN trim("v__campaign_id") = '' THEN '' ELSE "v__campaign_id" END ELSE "v__campaign_id" END, '') END AS "r__campaign_id",
        CASE WHEN CASE WHEN contains("v__name", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__name")) ELSE true END THEN nullif(CASE WHEN starts_with("v__name", ' ') THEN CASE WHEN trim("v__name") = '' THEN '' ELSE "v__name" END ELSE "v__name" END, '') END AS "r__name",
        CASE WHEN CASE WHEN contains("v__channel", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__channel")) ELSE true END THEN nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') END AS "r__channel",
        CASE WHEN CASE WHEN contains("v__started_on", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__started_on")) ELSE true END THEN nullif(CASE WHEN starts_with("v__started_on", ' ') THEN CASE WHEN trim("v__started_on") = '' THEN '' ELSE "v__started_on" END ELSE "v__started_on" END, '') END AS "r__started_on",
        CASE WHEN CASE WHEN contains("v__ended_on", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__ended_on")) ELSE true END THEN nullif(CASE WHEN starts_with("v__ended_on", ' ') THEN CASE WHEN trim("v__ended_on") = '' THEN '' ELSE "v__ended_on" END ELSE "v__ended_on" END, '') END AS "r__ended_on",
        CASE WHEN CASE WHEN contains("v__spend", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__spend")) ELSE true END THEN nullif(CASE WHEN starts_with("v__spend", ' ') THEN CASE WHEN trim("v__spend") = '' THEN '' ELSE "v__spend" END ELSE "v__spend" END, '') END AS "r__spend",
        CASE WHEN CASE WHEN contains("v__currency", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__currency")) ELSE true END THEN nullif(CASE WHEN starts_with("v__currency", ' ') THEN CASE WHEN trim("v__currency") = '' THEN '' ELSE "v__currency" END ELSE "v__currency" END, '') END AS "r__currency",
        CASE WHEN CASE WHEN contains("v__location_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__location_id")) ELSE true END THEN nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') END AS "r__location_id",
        CASE WHEN CASE WHEN contains("v__updated_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__updated_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') END AS "r__updated_at"
            FROM (
                SELECT src._record, coalesce(CAST(("IsDeleted" IN ('1', 'true', 'TRUE')) AS BOOLEAN), false) AS _deleted,
            "Id" AS "v__campaign_id",
            "Name" AS "v__name",
            "Type" AS "v__channel",
            "StartDate" AS "v__started_on",
            "EndDate" AS "v__ended_on",
            "ActualCost" AS "v__spend",
            "CurrencyIsoCode" AS "v__currency",
            "Location__c" AS "v__location_id",
            "LastModifiedDate" AS "v__updated_at"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
