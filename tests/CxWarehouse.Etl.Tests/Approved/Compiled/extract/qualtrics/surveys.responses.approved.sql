-- qualtrics surveys.responses: the typed select the extraction runs over each file of this stream,
-- here as resolved for qualtrics_cx_survey.csv, for a run at 2026-11-23T06:00:00Z (local times in America/Denver). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "response_id", "responded_at", "status", "started_at", "customer_id", "email", "first_name", "last_name", "touchpoint_type", "touchpoint_id", "location_id", "channel", "language", "is_finished", "nps_score", "csat_score", "ces_score", "comment",
    nullif(concat_ws('; ', CASE WHEN "r__response_id" IS NULL THEN 'ResponseId' || ': required value is missing' END, CASE WHEN "r__responded_at" IS NOT NULL AND "responded_at" IS NULL AND TRY_STRPTIME(trim("r__responded_at"), '%Y-%m-%d %H:%M:%S') IS NOT NULL THEN 'RecordedDate' || ': ''' || "r__responded_at" || ''' does not exist in America/Denver (it falls in the daylight-saving gap)' END, CASE WHEN "r__responded_at" IS NOT NULL AND "responded_at" IS NULL AND TRY_STRPTIME(trim("r__responded_at"), '%Y-%m-%d %H:%M:%S') IS NULL THEN 'RecordedDate' || ': cannot read ''' || left("r__responded_at", 60) || ''' as a timestamp' END, CASE WHEN "r__responded_at" IS NULL THEN 'RecordedDate' || ': required value is missing' END, CASE WHEN "r__started_at" IS NOT NULL AND "started_at" IS NULL AND TRY_STRPTIME(trim("r__started_at"), '%Y-%m-%d %H:%M:%S') IS NOT NULL THEN 'StartDate' || ': ''' || "r__started_at" || ''' does not exist in America/Denver (it falls in the daylight-saving gap)' END, CASE WHEN "r__started_at" IS NOT NULL AND "started_at" IS NULL AND TRY_STRPTIME(trim("r__started_at"), '%Y-%m-%d %H:%M:%S') IS NULL THEN 'StartDate' || ': cannot read ''' || left("r__started_at", 60) || ''' as a timestamp' END, CASE WHEN "r__is_finished" IS NOT NULL AND "is_finished" IS NULL THEN 'Finished' || ': cannot read ''' || left("r__is_finished", 60) || ''' as true or false' END, CASE WHEN "r__nps_score" IS NOT NULL AND "nps_score" IS NULL THEN 'nps_score (expression)' || ': cannot read ''' || left("r__nps_score", 60) || ''' as an integer' END, CASE WHEN "r__csat_score" IS NOT NULL AND "csat_score" IS NULL THEN 'csat_score (expression)' || ': cannot read ''' || left("r__csat_score", 60) || ''' as an integer' END, CASE WHEN "r__ces_score" IS NOT NULL AND "ces_score" IS NULL THEN 'ces_score (expression)' || ': cannot read ''' || left("r__ces_score", 60) || ''' as an integer' END, CASE WHEN "nps_score" < 0 OR "nps_score" > 10 THEN 'nps_score (expression): ' || CAST("nps_score" AS VARCHAR) || ' is outside 0-10' || ' (rule nps_score_in_0_10)' END, CASE WHEN "csat_score" < 1 OR "csat_score" > 5 THEN 'csat_score (expression): ' || CAST("csat_score" AS VARCHAR) || ' is outside 1-5' || ' (rule csat_score_in_1_5)' END, CASE WHEN "ces_score" < 1 OR "ces_score" > 7 THEN 'ces_score (expression): ' || CAST("ces_score" AS VARCHAR) || ' is outside 1-7' || ' (rule ces_score_in_1_7)' END, CASE WHEN "responded_at" < "started_at" THEN 'RecordedDate: ' || strftime(timezone('UTC', "responded_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before StartDate ' || strftime(timezone('UTC', "started_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule responded_at_not_before_started_at)' END, CASE WHEN "responded_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'RecordedDate: ' || strftime(timezone('UTC', "responded_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule responded_at_not_in_future)' END, CASE WHEN "responded_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'RecordedDate: ' || strftime(timezone('UTC', "responded_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule responded_at_not_before_earliest)' END, CASE WHEN "started_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'StartDate: ' || strftime(timezone('UTC', "started_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule started_at_not_in_future)' END, CASE WHEN "started_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'StartDate: ' || strftime(timezone('UTC', "started_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule started_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__response_id" IS NULL THEN 'ResponseId' END, CASE WHEN "r__responded_at" IS NOT NULL AND "responded_at" IS NULL THEN 'RecordedDate' END, CASE WHEN "r__responded_at" IS NULL THEN 'RecordedDate' END, CASE WHEN "r__started_at" IS NOT NULL AND "started_at" IS NULL THEN 'StartDate' END, CASE WHEN "r__is_finished" IS NOT NULL AND "is_finished" IS NULL THEN 'Finished' END, CASE WHEN "r__nps_score" IS NOT NULL AND "nps_score" IS NULL THEN 'nps_score (expression)' END, CASE WHEN "r__csat_score" IS NOT NULL AND "csat_score" IS NULL THEN 'csat_score (expression)' END, CASE WHEN "r__ces_score" IS NOT NULL AND "ces_score" IS NULL THEN 'ces_score (expression)' END, CASE WHEN "nps_score" < 0 OR "nps_score" > 10 THEN 'nps_score (expression)' END, CASE WHEN "csat_score" < 1 OR "csat_score" > 5 THEN 'csat_score (expression)' END, CASE WHEN "ces_score" < 1 OR "ces_score" > 7 THEN 'ces_score (expression)' END, CASE WHEN "responded_at" < "started_at" THEN 'RecordedDate' END, CASE WHEN "responded_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'RecordedDate' END, CASE WHEN "responded_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'RecordedDate' END, CASE WHEN "started_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'StartDate' END, CASE WHEN "started_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'StartDate' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT * REPLACE (CASE WHEN (coalesce("responded_at" < "started_at", false)) AND ((timezone('America/Denver', "started_at" - INTERVAL 3 HOUR) - timezone('UTC', "started_at" - INTERVAL 3 HOUR)) - (timezone('America/Denver', "started_at") - timezone('UTC', "started_at"))) > INTERVAL 0 SECOND AND timezone('America/Denver', ("started_at" - ((timezone('America/Denver', "started_at" - INTERVAL 3 HOUR) - timezone('UTC', "started_at" - INTERVAL 3 HOUR)) - (timezone('America/Denver', "started_at") - timezone('UTC', "started_at"))))) = timezone('America/Denver', "started_at") AND coalesce("responded_at" >= ("started_at" - ((timezone('America/Denver', "started_at" - INTERVAL 3 HOUR) - timezone('UTC', "started_at" - INTERVAL 3 HOUR)) - (timezone('America/Denver', "started_at") - timezone('UTC', "started_at")))), true) THEN ("started_at" - ((timezone('America/Denver', "started_at" - INTERVAL 3 HOUR) - timezone('UTC', "started_at" - INTERVAL 3 HOUR)) - (timezone('America/Denver', "started_at") - timezone('UTC', "started_at")))) ELSE "started_at" END AS "started_at")
    FROM (
        SELECT _record, _deleted,
    "r__response_id",
    CAST("r__response_id" AS VARCHAR) AS "response_id",
    "r__responded_at",
    CAST(CASE WHEN timezone('America/Denver', timezone('America/Denver', TRY_STRPTIME(trim("r__responded_at"), '%Y-%m-%d %H:%M:%S'))) = TRY_STRPTIME(trim("r__responded_at"), '%Y-%m-%d %H:%M:%S') THEN timezone('America/Denver', TRY_STRPTIME(trim("r__responded_at"), '%Y-%m-%d %H:%M:%S')) END AS TIMESTAMPTZ) AS "responded_at",
    "r__status",
    CAST("r__status" AS VARCHAR) AS "status",
    "r__started_at",
    CAST(CASE WHEN timezone('America/Denver', timezone('America/Denver', TRY_STRPTIME(trim("r__started_at"), '%Y-%m-%d %H:%M:%S'))) = TRY_STRPTIME(trim("r__started_at"), '%Y-%m-%d %H:%M:%S') THEN timezone('America/Denver', TRY_STRPTIME(trim("r__started_at"), '%Y-%m-%d %H:%M:%S')) END AS TIMESTAMPTZ) AS "started_at",
    "r__customer_id",
    CAST("r__customer_id" AS VARCHAR) AS "customer_id",
    "r__email",
    CAST("r__email" AS VARCHAR) AS "email",
    "r__first_name",
    CAST("r__first_name" AS VARCHAR) AS "first_name",
    "r__last_name",
    CAST("r__last_name" AS VARCHAR) AS "last_name",
    "r__touchpoint_type",
    CAST("r__touchpoint_type" AS VARCHAR) AS "touchpoint_type",
    "r__touchpoint_id",
    CAST("r__touchpoint_id" AS VARCHAR) AS "touchpoint_id",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__channel",
    CAST("r__channel" AS VARCHAR) AS "channel",
    "r__language",
    CAST("r__language" AS VARCHAR) AS "language",
    "r__is_finished",
    CAST(CASE WHEN lower(trim("r__is_finished")) IN ('true', 't', '1', 'yes', 'y') THEN true WHEN lower(trim("r__is_finished")) IN ('false', 'f', '0', 'no', 'n') THEN false END AS BOOLEAN) AS "is_finished",
    "r__nps_score",
    CAST(TRY_CAST(trim("r__nps_score") AS BIGINT) AS BIGINT) AS "nps_score",
    "r__csat_score",
    CAST(TRY_CAST(trim("r__csat_score") AS BIGINT) AS BIGINT) AS "csat_score",
    "r__ces_score",
    CAST(TRY_CAST(trim("r__ces_score") AS BIGINT) AS BIGINT) AS "ces_score",
    "r__comment",
    CAST("r__comment" AS VARCHAR) AS "comment"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__response_id"))) THEN nullif(CASE WHEN starts_with("v__response_id", ' ') THEN CASE WHEN trim("v__response_id") = '' THEN '' ELSE "v__response_id" END ELSE "v__response_id" END, '') END AS "r__response_id",
        nullif(CASE WHEN starts_with("v__responded_at", ' ') THEN CASE WHEN trim("v__responded_at") = '' THEN '' ELSE "v__responded_at" END ELSE "v__responded_at" END, '') AS "r__responded_at",
        nullif(CASE WHEN starts_with("v__status", ' ') THEN CASE WHEN trim("v__status") = '' THEN '' ELSE "v__status" END ELSE "v__status" END, '') AS "r__status",
        nullif(CASE WHEN starts_with("v__started_at", ' ') THEN CASE WHEN trim("v__started_at") = '' THEN '' ELSE "v__started_at" END ELSE "v__started_at" END, '') AS "r__started_at",
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__customer_id"))) THEN nullif(CASE WHEN starts_with("v__customer_id", ' ') THEN CASE WHEN trim("v__customer_id") = '' THEN '' ELSE "v__customer_id" END ELSE "v__customer_id" END, '') END AS "r__customer_id",
        nullif(CASE WHEN starts_with("v__email", ' ') THEN CASE WHEN trim("v__email") = '' THEN '' ELSE "v__email" END ELSE "v__email" END, '') AS "r__email",
        nullif(CASE WHEN starts_with("v__first_name", ' ') THEN CASE WHEN trim("v__first_name") = '' THEN '' ELSE "v__first_name" END ELSE "v__first_name" END, '') AS "r__first_name",
        nullif(CASE WHEN starts_with("v__last_name", ' ') THEN CASE WHEN trim("v__last_name") = '' THEN '' ELSE "v__last_name" END ELSE "v__last_name" END, '') AS "r__last_name",
        nullif(CASE WHEN starts_with("v__touchpoint_type", ' ') THEN CASE WHEN trim("v__touchpoint_type") = '' THEN '' ELSE "v__touchpoint_type" END ELSE "v__touchpoint_type" END, '') AS "r__touchpoint_type",
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__touchpoint_id"))) THEN nullif(CASE WHEN starts_with("v__touchpoint_id", ' ') THEN CASE WHEN trim("v__touchpoint_id") = '' THEN '' ELSE "v__touchpoint_id" END ELSE "v__touchpoint_id" END, '') END AS "r__touchpoint_id",
        nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') AS "r__location_id",
        nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') AS "r__channel",
        nullif(CASE WHEN starts_with("v__language", ' ') THEN CASE WHEN trim("v__language") = '' THEN '' ELSE "v__language" END ELSE "v__language" END, '') AS "r__language",
        nullif(CASE WHEN starts_with("v__is_finished", ' ') THEN CASE WHEN trim("v__is_finished") = '' THEN '' ELSE "v__is_finished" END ELSE "v__is_finished" END, '') AS "r__is_finished",
        nullif(CASE WHEN starts_with("v__nps_score", ' ') THEN CASE WHEN trim("v__nps_score") = '' THEN '' ELSE "v__nps_score" END ELSE "v__nps_score" END, '') AS "r__nps_score",
        nullif(CASE WHEN starts_with("v__csat_score", ' ') THEN CASE WHEN trim("v__csat_score") = '' THEN '' ELSE "v__csat_score" END ELSE "v__csat_score" END, '') AS "r__csat_score",
        nullif(CASE WHEN starts_with("v__ces_score", ' ') THEN CASE WHEN trim("v__ces_score") = '' THEN '' ELSE "v__ces_score" END ELSE "v__ces_score" END, '') AS "r__ces_score",
        nullif(CASE WHEN starts_with("v__comment", ' ') THEN CASE WHEN trim("v__comment") = '' THEN '' ELSE "v__comment" END ELSE "v__comment" END, '') AS "r__comment"
            FROM (
                SELECT src._record, false AS _deleted,
            "ResponseId" AS "v__response_id",
            "RecordedDate" AS "v__responded_at",
            "Status" AS "v__status",
            "StartDate" AS "v__started_at",
            CAST(NULL AS VARCHAR) AS "v__customer_id",
            "RecipientEmail" AS "v__email",
            "RecipientFirstName" AS "v__first_name",
            "RecipientLastName" AS "v__last_name",
            "touchpoint" AS "v__touchpoint_type",
            "ExternalReference" AS "v__touchpoint_id",
            "location" AS "v__location_id",
            "DistributionChannel" AS "v__channel",
            "UserLanguage" AS "v__language",
            "Finished" AS "v__is_finished",
            CAST((CASE WHEN regexp_matches(trim("Q1"), '^[0-9]+([.,]0+)?$') THEN trim("Q1") WHEN regexp_matches(trim("Q1"), '^[0-9]+ *[-–:=]') THEN regexp_extract(trim("Q1"), '^([0-9]+)', 1) ELSE trim("Q1") END) AS VARCHAR) AS "v__nps_score",
            CAST((CASE WHEN regexp_matches(trim("Q2"), '^[0-9]+([.,]0+)?$') THEN trim("Q2") WHEN regexp_matches(trim("Q2"), '^[0-9]+ *[-–:=]') THEN regexp_extract(trim("Q2"), '^([0-9]+)', 1) ELSE CASE lower(trim("Q2")) WHEN 'extremely satisfied' THEN '5' WHEN 'very satisfied' THEN '5' WHEN 'somewhat satisfied' THEN '4' WHEN 'satisfied' THEN '4' WHEN 'neither satisfied nor dissatisfied' THEN '3' WHEN 'neutral' THEN '3' WHEN 'somewhat dissatisfied' THEN '2' WHEN 'dissatisfied' THEN '2' WHEN 'very dissatisfied' THEN '1' WHEN 'extremely dissatisfied' THEN '1' ELSE trim("Q2") END END) AS VARCHAR) AS "v__csat_score",
            CAST((CASE WHEN regexp_matches(trim("Q3"), '^[0-9]+([.,]0+)?$') THEN trim("Q3") WHEN regexp_matches(trim("Q3"), '^[0-9]+ *[-–:=]') THEN regexp_extract(trim("Q3"), '^([0-9]+)', 1) ELSE CASE lower(trim("Q3")) WHEN 'strongly agree' THEN '7' WHEN 'agree' THEN '6' WHEN 'somewhat agree' THEN '5' WHEN 'neither agree nor disagree' THEN '4' WHEN 'somewhat disagree' THEN '3' WHEN 'disagree' THEN '2' WHEN 'strongly disagree' THEN '1' ELSE trim("Q3") END END) AS VARCHAR) AS "v__ces_score",
            CAST(("Q4") AS VARCHAR) AS "v__comment"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
