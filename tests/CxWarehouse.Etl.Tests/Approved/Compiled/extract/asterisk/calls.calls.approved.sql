-- asterisk calls.calls: the typed select the extraction runs over each file of this stream,
-- here as resolved for Master.csv, for a run at 2026-11-23T06:00:00Z (local times in America/Sao_Paulo). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "call_id", "initiated_at", "channel", "direction", "customer_phone", "location_id", "queue", "agent", "answered_at", "ended_at", "queue_s", "talk_s", "hold_s", "acw_s", "is_answered", "is_resolved", "topic", "satisfaction", "disconnect_reason", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__call_id" IS NULL THEN 'uniqueid' || ': required value is missing' END, CASE WHEN "r__initiated_at" IS NOT NULL AND "initiated_at" IS NULL AND TRY_STRPTIME(trim("r__initiated_at"), '%Y-%m-%d %H:%M:%S') IS NOT NULL THEN 'start' || ': ''' || "r__initiated_at" || ''' does not exist in America/Sao_Paulo (it falls in the daylight-saving gap)' END, CASE WHEN "r__initiated_at" IS NOT NULL AND "initiated_at" IS NULL AND TRY_STRPTIME(trim("r__initiated_at"), '%Y-%m-%d %H:%M:%S') IS NULL THEN 'start' || ': cannot read ''' || left("r__initiated_at", 60) || ''' as a timestamp' END, CASE WHEN "r__initiated_at" IS NULL THEN 'start' || ': required value is missing' END, CASE WHEN "r__answered_at" IS NOT NULL AND "answered_at" IS NULL AND TRY_STRPTIME(trim("r__answered_at"), '%Y-%m-%d %H:%M:%S') IS NOT NULL THEN 'answer' || ': ''' || "r__answered_at" || ''' does not exist in America/Sao_Paulo (it falls in the daylight-saving gap)' END, CASE WHEN "r__answered_at" IS NOT NULL AND "answered_at" IS NULL AND TRY_STRPTIME(trim("r__answered_at"), '%Y-%m-%d %H:%M:%S') IS NULL THEN 'answer' || ': cannot read ''' || left("r__answered_at", 60) || ''' as a timestamp' END, CASE WHEN "r__ended_at" IS NOT NULL AND "ended_at" IS NULL AND TRY_STRPTIME(trim("r__ended_at"), '%Y-%m-%d %H:%M:%S') IS NOT NULL THEN 'end' || ': ''' || "r__ended_at" || ''' does not exist in America/Sao_Paulo (it falls in the daylight-saving gap)' END, CASE WHEN "r__ended_at" IS NOT NULL AND "ended_at" IS NULL AND TRY_STRPTIME(trim("r__ended_at"), '%Y-%m-%d %H:%M:%S') IS NULL THEN 'end' || ': cannot read ''' || left("r__ended_at", 60) || ''' as a timestamp' END, CASE WHEN "r__queue_s" IS NOT NULL AND "queue_s" IS NULL THEN 'queue_s (expression)' || ': cannot read ''' || left("r__queue_s", 60) || ''' as a number' END, CASE WHEN "r__talk_s" IS NOT NULL AND "talk_s" IS NULL THEN 'billsec' || ': cannot read ''' || left("r__talk_s", 60) || ''' as a number' END, CASE WHEN "r__is_answered" IS NOT NULL AND "is_answered" IS NULL THEN 'is_answered (expression)' || ': cannot read ''' || left("r__is_answered", 60) || ''' as true or false' END, CASE WHEN "r__is_answered" IS NULL THEN 'is_answered (expression)' || ': required value is missing' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL AND TRY_STRPTIME(trim("r__updated_at"), '%Y-%m-%d %H:%M:%S') IS NOT NULL THEN 'end' || ': ''' || "r__updated_at" || ''' does not exist in America/Sao_Paulo (it falls in the daylight-saving gap)' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL AND TRY_STRPTIME(trim("r__updated_at"), '%Y-%m-%d %H:%M:%S') IS NULL THEN 'end' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "queue_s" < 0 THEN 'queue_s (expression): ' || CAST("queue_s" AS VARCHAR) || ' is negative' || ' (rule queue_s_not_negative)' END, CASE WHEN "talk_s" < 0 THEN 'billsec: ' || CAST("talk_s" AS VARCHAR) || ' is negative' || ' (rule talk_s_not_negative)' END, CASE WHEN "answered_at" < "initiated_at" THEN 'answer: ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before start ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule answered_at_not_before_initiated_at)' END, CASE WHEN "ended_at" < "initiated_at" THEN 'end: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before start ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule ended_at_not_before_initiated_at)' END, CASE WHEN "ended_at" < "answered_at" THEN 'end: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before answer ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule ended_at_not_before_answered_at)' END, CASE WHEN "initiated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'start: ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule initiated_at_not_in_future)' END, CASE WHEN "initiated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'start: ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule initiated_at_not_before_earliest)' END, CASE WHEN "answered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'answer: ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule answered_at_not_in_future)' END, CASE WHEN "answered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'answer: ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule answered_at_not_before_earliest)' END, CASE WHEN "ended_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'end: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule ended_at_not_in_future)' END, CASE WHEN "ended_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'end: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule ended_at_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'end: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'end: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__call_id" IS NULL THEN 'uniqueid' END, CASE WHEN "r__initiated_at" IS NOT NULL AND "initiated_at" IS NULL THEN 'start' END, CASE WHEN "r__initiated_at" IS NULL THEN 'start' END, CASE WHEN "r__answered_at" IS NOT NULL AND "answered_at" IS NULL THEN 'answer' END, CASE WHEN "r__ended_at" IS NOT NULL AND "ended_at" IS NULL THEN 'end' END, CASE WHEN "r__queue_s" IS NOT NULL AND "queue_s" IS NULL THEN 'queue_s (expression)' END, CASE WHEN "r__talk_s" IS NOT NULL AND "talk_s" IS NULL THEN 'billsec' END, CASE WHEN "r__is_answered" IS NOT NULL AND "is_answered" IS NULL THEN 'is_answered (expression)' END, CASE WHEN "r__is_answered" IS NULL THEN 'is_answered (expression)' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'end' END, CASE WHEN "queue_s" < 0 THEN 'queue_s (expression)' END, CASE WHEN "talk_s" < 0 THEN 'billsec' END, CASE WHEN "answered_at" < "initiated_at" THEN 'answer' END, CASE WHEN "ended_at" < "initiated_at" THEN 'end' END, CASE WHEN "ended_at" < "answered_at" THEN 'end' END, CASE WHEN "initiated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'start' END, CASE WHEN "initiated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'start' END, CASE WHEN "answered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'answer' END, CASE WHEN "answered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'answer' END, CASE WHEN "ended_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'end' END, CASE WHEN "ended_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'end' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'end' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'end' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT * REPLACE (CASE WHEN (coalesce("ended_at" < "answered_at", false)) AND ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at"))) > INTERVAL 0 SECOND AND timezone('America/Sao_Paulo', ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at"))))) = timezone('America/Sao_Paulo', "answered_at") AND coalesce("ended_at" >= ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at")))), true) THEN ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at")))) ELSE "answered_at" END AS "answered_at", CASE WHEN (coalesce((CASE WHEN (coalesce("ended_at" < "answered_at", false)) AND ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at"))) > INTERVAL 0 SECOND AND timezone('America/Sao_Paulo', ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at"))))) = timezone('America/Sao_Paulo', "answered_at") AND coalesce("ended_at" >= ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at")))), true) THEN ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at")))) ELSE "answered_at" END) < "initiated_at", false) OR coalesce("ended_at" < "initiated_at", false)) AND ((timezone('America/Sao_Paulo', "initiated_at" - INTERVAL 3 HOUR) - timezone('UTC', "initiated_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "initiated_at") - timezone('UTC', "initiated_at"))) > INTERVAL 0 SECOND AND timezone('America/Sao_Paulo', ("initiated_at" - ((timezone('America/Sao_Paulo', "initiated_at" - INTERVAL 3 HOUR) - timezone('UTC', "initiated_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "initiated_at") - timezone('UTC', "initiated_at"))))) = timezone('America/Sao_Paulo', "initiated_at") AND coalesce((CASE WHEN (coalesce("ended_at" < "answered_at", false)) AND ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at"))) > INTERVAL 0 SECOND AND timezone('America/Sao_Paulo', ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at"))))) = timezone('America/Sao_Paulo', "answered_at") AND coalesce("ended_at" >= ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at")))), true) THEN ("answered_at" - ((timezone('America/Sao_Paulo', "answered_at" - INTERVAL 3 HOUR) - timezone('UTC', "answered_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "answered_at") - timezone('UTC', "answered_at")))) ELSE "answered_at" END) >= ("initiated_at" - ((timezone('America/Sao_Paulo', "initiated_at" - INTERVAL 3 HOUR) - timezone('UTC', "initiated_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "initiated_at") - timezone('UTC', "initiated_at")))), true) AND coalesce("ended_at" >= ("initiated_at" - ((timezone('America/Sao_Paulo', "initiated_at" - INTERVAL 3 HOUR) - timezone('UTC', "initiated_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "initiated_at") - timezone('UTC', "initiated_at")))), true) THEN ("initiated_at" - ((timezone('America/Sao_Paulo', "initiated_at" - INTERVAL 3 HOUR) - timezone('UTC', "initiated_at" - INTERVAL 3 HOUR)) - (timezone('America/Sao_Paulo', "initiated_at") - timezone('UTC', "initiated_at")))) ELSE "initiated_at" END AS "initiated_at")
    FROM (
        SELECT _record, _deleted,
    "r__call_id",
    CAST("r__call_id" AS VARCHAR) AS "call_id",
    "r__initiated_at",
    CAST(CASE WHEN timezone('America/Sao_Paulo', timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__initiated_at"), '%Y-%m-%d %H:%M:%S'))) = TRY_STRPTIME(trim("r__initiated_at"), '%Y-%m-%d %H:%M:%S') THEN timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__initiated_at"), '%Y-%m-%d %H:%M:%S')) END AS TIMESTAMPTZ) AS "initiated_at",
    "r__channel",
    CAST("r__channel" AS VARCHAR) AS "channel",
    "r__direction",
    CAST("r__direction" AS VARCHAR) AS "direction",
    "r__customer_phone",
    CAST("r__customer_phone" AS VARCHAR) AS "customer_phone",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__queue",
    CAST("r__queue" AS VARCHAR) AS "queue",
    "r__agent",
    CAST("r__agent" AS VARCHAR) AS "agent",
    "r__answered_at",
    CAST(CASE WHEN timezone('America/Sao_Paulo', timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__answered_at"), '%Y-%m-%d %H:%M:%S'))) = TRY_STRPTIME(trim("r__answered_at"), '%Y-%m-%d %H:%M:%S') THEN timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__answered_at"), '%Y-%m-%d %H:%M:%S')) END AS TIMESTAMPTZ) AS "answered_at",
    "r__ended_at",
    CAST(CASE WHEN timezone('America/Sao_Paulo', timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__ended_at"), '%Y-%m-%d %H:%M:%S'))) = TRY_STRPTIME(trim("r__ended_at"), '%Y-%m-%d %H:%M:%S') THEN timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__ended_at"), '%Y-%m-%d %H:%M:%S')) END AS TIMESTAMPTZ) AS "ended_at",
    "r__queue_s",
    CAST(TRY_CAST(trim("r__queue_s") AS DOUBLE) AS DOUBLE) AS "queue_s",
    "r__talk_s",
    CAST(TRY_CAST(trim("r__talk_s") AS DOUBLE) AS DOUBLE) AS "talk_s",
    "r__hold_s",
    CAST(TRY_CAST(trim("r__hold_s") AS DOUBLE) AS DOUBLE) AS "hold_s",
    "r__acw_s",
    CAST(TRY_CAST(trim("r__acw_s") AS DOUBLE) AS DOUBLE) AS "acw_s",
    "r__is_answered",
    CAST(CASE WHEN lower(trim("r__is_answered")) IN ('true', 't', '1', 'yes', 'y') THEN true WHEN lower(trim("r__is_answered")) IN ('false', 'f', '0', 'no', 'n') THEN false END AS BOOLEAN) AS "is_answered",
    "r__is_resolved",
    CAST(CASE WHEN lower(trim("r__is_resolved")) IN ('true', 't', '1', 'yes', 'y') THEN true WHEN lower(trim("r__is_resolved")) IN ('false', 'f', '0', 'no', 'n') THEN false END AS BOOLEAN) AS "is_resolved",
    "r__topic",
    CAST("r__topic" AS VARCHAR) AS "topic",
    "r__satisfaction",
    CAST(TRY_CAST(trim("r__satisfaction") AS DOUBLE) AS DOUBLE) AS "satisfaction",
    "r__disconnect_reason",
    CAST("r__disconnect_reason" AS VARCHAR) AS "disconnect_reason",
    "r__updated_at",
    CAST(CASE WHEN timezone('America/Sao_Paulo', timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__updated_at"), '%Y-%m-%d %H:%M:%S'))) = TRY_STRPTIME(trim("r__updated_at"), '%Y-%m-%d %H:%M:%S') THEN timezone('America/Sao_Paulo', TRY_STRPTIME(trim("r__updated_at"), '%Y-%m-%d %H:%M:%S')) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__call_id"))) THEN nullif(CASE WHEN starts_with("v__call_id", ' ') THEN CASE WHEN trim("v__call_id") = '' THEN '' ELSE "v__call_id" END ELSE "v__call_id" END, '') END AS "r__call_id",
        nullif(CASE WHEN starts_with("v__initiated_at", ' ') THEN CASE WHEN trim("v__initiated_at") = '' THEN '' ELSE "v__initiated_at" END ELSE "v__initiated_at" END, '') AS "r__initiated_at",
        nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') AS "r__channel",
        nullif(CASE WHEN starts_with("v__direction", ' ') THEN CASE WHEN trim("v__direction") = '' THEN '' ELSE "v__direction" END ELSE "v__direction" END, '') AS "r__direction",
        nullif(CASE WHEN starts_with("v__customer_phone", ' ') THEN CASE WHEN trim("v__customer_phone") = '' THEN '' ELSE "v__customer_phone" END ELSE "v__customer_phone" END, '') AS "r__customer_phone",
        coalesce(nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, ''), 'SAO') AS "r__location_id",
        nullif(CASE WHEN starts_with("v__queue", ' ') THEN CASE WHEN trim("v__queue") = '' THEN '' ELSE "v__queue" END ELSE "v__queue" END, '') AS "r__queue",
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__agent"))) THEN nullif(CASE WHEN starts_with("v__agent", ' ') THEN CASE WHEN trim("v__agent") = '' THEN '' ELSE "v__agent" END ELSE "v__agent" END, '') END AS "r__agent",
        nullif(CASE WHEN starts_with("v__answered_at", ' ') THEN CASE WHEN trim("v__answered_at") = '' THEN '' ELSE "v__answered_at" END ELSE "v__answered_at" END, '') AS "r__answered_at",
        nullif(CASE WHEN starts_with("v__ended_at", ' ') THEN CASE WHEN trim("v__ended_at") = '' THEN '' ELSE "v__ended_at" END ELSE "v__ended_at" END, '') AS "r__ended_at",
        nullif(CASE WHEN starts_with("v__queue_s", ' ') THEN CASE WHEN trim("v__queue_s") = '' THEN '' ELSE "v__queue_s" END ELSE "v__queue_s" END, '') AS "r__queue_s",
        nullif(CASE WHEN starts_with("v__talk_s", ' ') THEN CASE WHEN trim("v__talk_s") = '' THEN '' ELSE "v__talk_s" END ELSE "v__talk_s" END, '') AS "r__talk_s",
        nullif(CASE WHEN starts_with("v__hold_s", ' ') THEN CASE WHEN trim("v__hold_s") = '' THEN '' ELSE "v__hold_s" END ELSE "v__hold_s" END, '') AS "r__hold_s",
        nullif(CASE WHEN starts_with("v__acw_s", ' ') THEN CASE WHEN trim("v__acw_s") = '' THEN '' ELSE "v__acw_s" END ELSE "v__acw_s" END, '') AS "r__acw_s",
        nullif(CASE WHEN starts_with("v__is_answered", ' ') THEN CASE WHEN trim("v__is_answered") = '' THEN '' ELSE "v__is_answered" END ELSE "v__is_answered" END, '') AS "r__is_answered",
        nullif(CASE WHEN starts_with("v__is_resolved", ' ') THEN CASE WHEN trim("v__is_resolved") = '' THEN '' ELSE "v__is_resolved" END ELSE "v__is_resolved" END, '') AS "r__is_resolved",
        nullif(CASE WHEN starts_with("v__topic", ' ') THEN CASE WHEN trim("v__topic") = '' THEN '' ELSE "v__topic" END ELSE "v__topic" END, '') AS "r__topic",
        nullif(CASE WHEN starts_with("v__satisfaction", ' ') THEN CASE WHEN trim("v__satisfaction") = '' THEN '' ELSE "v__satisfaction" END ELSE "v__satisfaction" END, '') AS "r__satisfaction",
        nullif(CASE WHEN starts_with("v__disconnect_reason", ' ') THEN CASE WHEN trim("v__disconnect_reason") = '' THEN '' ELSE "v__disconnect_reason" END ELSE "v__disconnect_reason" END, '') AS "r__disconnect_reason",
        nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') AS "r__updated_at"
            FROM (
                SELECT src._record, false AS _deleted,
            "uniqueid" AS "v__call_id",
            "start" AS "v__initiated_at",
            'voice' AS "v__channel",
            CAST((CASE
  WHEN regexp_matches(lower(coalesce(dcontext, '')),
    '(^|[-_])(from[-_]?(trunk|pstn|external|did|provider|outside)|public|incoming|inbound|pstn|did)([-_]|$)')
    THEN 'inbound'
  WHEN regexp_matches(lower(coalesce(dcontext, '')), 'outbound|outgoing|dialout|out[-_]?route')
    THEN 'outbound'
  WHEN regexp_matches(coalesce(channel, ''), '^[A-Za-z0-9]+/[0-9]{1,3}(\.[0-9]{1,3}){3}-')
    THEN 'inbound'
  WHEN regexp_matches(coalesce(dst, ''), '^\+?[0-9]{7,}$')
    AND NOT regexp_matches(coalesce(src, ''), '^\+?[0-9]{7,}$')
    THEN 'outbound'
  WHEN regexp_matches(coalesce(src, ''), '^\+?[0-9]{7,}$')
    THEN 'inbound'
  WHEN regexp_matches(coalesce(src, ''), '^[0-9]{1,6}$')
    AND (regexp_matches(coalesce(dst, ''), '^[0-9*#]{1,6}$') OR NOT regexp_matches(coalesce(dst, ''), '[0-9]'))
    THEN 'internal'
  WHEN starts_with(coalesce(channel, ''), 'Local/')
    OR regexp_matches(coalesce(channel, ''), '^[A-Za-z0-9]+/[0-9]{1,6}-')
    THEN 'internal'
END) AS VARCHAR) AS "v__direction",
            "src" AS "v__customer_phone",
            CAST(NULL AS VARCHAR) AS "v__location_id",
            "dcontext" AS "v__queue",
            "userfield" AS "v__agent",
            "answer" AS "v__answered_at",
            "end" AS "v__ended_at",
            CAST((CASE WHEN disposition = 'ANSWERED'
     THEN coalesce(date_diff('second', TRY_STRPTIME("start", '%Y-%m-%d %H:%M:%S'),
                             TRY_STRPTIME("answer", '%Y-%m-%d %H:%M:%S')),
                   TRY_CAST(duration AS BIGINT) - TRY_CAST(billsec AS BIGINT))
     ELSE TRY_CAST(duration AS BIGINT) END) AS VARCHAR) AS "v__queue_s",
            "billsec" AS "v__talk_s",
            CAST(NULL AS VARCHAR) AS "v__hold_s",
            CAST(NULL AS VARCHAR) AS "v__acw_s",
            CAST((disposition = 'ANSWERED') AS VARCHAR) AS "v__is_answered",
            CAST(NULL AS VARCHAR) AS "v__is_resolved",
            CAST(NULL AS VARCHAR) AS "v__topic",
            CAST(NULL AS VARCHAR) AS "v__satisfaction",
            "disposition" AS "v__disconnect_reason",
            "end" AS "v__updated_at"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
