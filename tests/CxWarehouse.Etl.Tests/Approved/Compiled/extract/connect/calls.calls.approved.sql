-- connect calls.calls: the typed select the extraction runs over each file of this stream,
-- here as resolved for ctr_202605.ndjson.gz, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, one row per line of the file (_line, json, _json_error, _record);
-- rows with an _error (or a _kind other than NULL) are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT "call_id", "initiated_at", "channel", "direction", "customer_phone", "location_id", "queue", "agent", "answered_at", "ended_at", "queue_s", "talk_s", "hold_s", "acw_s", "is_answered", "is_resolved", "topic", "satisfaction", "disconnect_reason", "updated_at",
    CASE WHEN _line IS NULL THEN 'blank' WHEN _json_error IS NOT NULL THEN 'json'
         WHEN _error IS NOT NULL THEN 'typed' END AS _kind,
    coalesce(_json_error, _error) AS _error,
    CASE WHEN _json_error IS NULL THEN _error_column END AS _error_column,
    CASE WHEN _line IS NULL THEN NULL WHEN _json_error IS NOT NULL THEN left(_line, 4096)
         WHEN _error IS NOT NULL OR _flag IS NOT NULL THEN _line END AS _raw,
    CASE WHEN _json_error IS NULL AND _error IS NULL THEN _flag END AS _flag,
    _record, _deleted
FROM (
SELECT _line, _json_error, _record, _deleted, "call_id", "initiated_at", "channel", "direction", "customer_phone", "location_id", "queue", "agent", "answered_at", "ended_at", "queue_s", "talk_s", "hold_s", "acw_s", "is_answered", "is_resolved", "topic", "satisfaction", "disconnect_reason", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__call_id" IS NULL THEN 'ContactId' || ': required value is missing' END, CASE WHEN "r__initiated_at" IS NOT NULL AND "initiated_at" IS NULL THEN 'InitiationTimestamp' || ': cannot read ''' || left("r__initiated_at", 60) || ''' as a timestamp' END, CASE WHEN "r__initiated_at" IS NULL THEN 'InitiationTimestamp' || ': required value is missing' END, CASE WHEN "r__answered_at" IS NOT NULL AND "answered_at" IS NULL THEN '$.Agent.ConnectedToAgentTimestamp' || ': cannot read ''' || left("r__answered_at", 60) || ''' as a timestamp' END, CASE WHEN "r__ended_at" IS NOT NULL AND "ended_at" IS NULL THEN 'DisconnectTimestamp' || ': cannot read ''' || left("r__ended_at", 60) || ''' as a timestamp' END, CASE WHEN "r__queue_s" IS NOT NULL AND "queue_s" IS NULL THEN '$.Queue.Duration' || ': cannot read ''' || left("r__queue_s", 60) || ''' as a number' END, CASE WHEN "r__talk_s" IS NOT NULL AND "talk_s" IS NULL THEN '$.Agent.AgentInteractionDuration' || ': cannot read ''' || left("r__talk_s", 60) || ''' as a number' END, CASE WHEN "r__hold_s" IS NOT NULL AND "hold_s" IS NULL THEN '$.Agent.CustomerHoldDuration' || ': cannot read ''' || left("r__hold_s", 60) || ''' as a number' END, CASE WHEN "r__acw_s" IS NOT NULL AND "acw_s" IS NULL THEN '$.Agent.AfterContactWorkDuration' || ': cannot read ''' || left("r__acw_s", 60) || ''' as a number' END, CASE WHEN "r__is_answered" IS NOT NULL AND "is_answered" IS NULL THEN 'is_answered (expression)' || ': cannot read ''' || left("r__is_answered", 60) || ''' as true or false' END, CASE WHEN "r__is_answered" IS NULL THEN 'is_answered (expression)' || ': required value is missing' END, CASE WHEN "r__is_resolved" IS NOT NULL AND "is_resolved" IS NULL THEN '$.Attributes.resolved' || ': cannot read ''' || left("r__is_resolved", 60) || ''' as true or false' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastUpdateTimestamp' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "queue_s" < 0 THEN '$.Queue.Duration: ' || CAST("queue_s" AS VARCHAR) || ' is negative' || ' (rule queue_s_not_negative)' END, CASE WHEN "talk_s" < 0 THEN '$.Agent.AgentInteractionDuration: ' || CAST("talk_s" AS VARCHAR) || ' is negative' || ' (rule talk_s_not_negative)' END, CASE WHEN "hold_s" < 0 THEN '$.Agent.CustomerHoldDuration: ' || CAST("hold_s" AS VARCHAR) || ' is negative' || ' (rule hold_s_not_negative)' END, CASE WHEN "acw_s" < 0 THEN '$.Agent.AfterContactWorkDuration: ' || CAST("acw_s" AS VARCHAR) || ' is negative' || ' (rule acw_s_not_negative)' END, CASE WHEN "answered_at" < "initiated_at" THEN '$.Agent.ConnectedToAgentTimestamp: ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before InitiationTimestamp ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule answered_at_not_before_initiated_at)' END, CASE WHEN "ended_at" < "initiated_at" THEN 'DisconnectTimestamp: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before InitiationTimestamp ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule ended_at_not_before_initiated_at)' END, CASE WHEN "ended_at" < "answered_at" THEN 'DisconnectTimestamp: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before $.Agent.ConnectedToAgentTimestamp ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule ended_at_not_before_answered_at)' END, CASE WHEN "initiated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'InitiationTimestamp: ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule initiated_at_not_in_future)' END, CASE WHEN "initiated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'InitiationTimestamp: ' || strftime(timezone('UTC', "initiated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule initiated_at_not_before_earliest)' END, CASE WHEN "answered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN '$.Agent.ConnectedToAgentTimestamp: ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule answered_at_not_in_future)' END, CASE WHEN "answered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN '$.Agent.ConnectedToAgentTimestamp: ' || strftime(timezone('UTC', "answered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule answered_at_not_before_earliest)' END, CASE WHEN "ended_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'DisconnectTimestamp: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule ended_at_not_in_future)' END, CASE WHEN "ended_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'DisconnectTimestamp: ' || strftime(timezone('UTC', "ended_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule ended_at_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastUpdateTimestamp: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastUpdateTimestamp: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__call_id" IS NULL THEN 'ContactId' END, CASE WHEN "r__initiated_at" IS NOT NULL AND "initiated_at" IS NULL THEN 'InitiationTimestamp' END, CASE WHEN "r__initiated_at" IS NULL THEN 'InitiationTimestamp' END, CASE WHEN "r__answered_at" IS NOT NULL AND "answered_at" IS NULL THEN '$.Agent.ConnectedToAgentTimestamp' END, CASE WHEN "r__ended_at" IS NOT NULL AND "ended_at" IS NULL THEN 'DisconnectTimestamp' END, CASE WHEN "r__queue_s" IS NOT NULL AND "queue_s" IS NULL THEN '$.Queue.Duration' END, CASE WHEN "r__talk_s" IS NOT NULL AND "talk_s" IS NULL THEN '$.Agent.AgentInteractionDuration' END, CASE WHEN "r__hold_s" IS NOT NULL AND "hold_s" IS NULL THEN '$.Agent.CustomerHoldDuration' END, CASE WHEN "r__acw_s" IS NOT NULL AND "acw_s" IS NULL THEN '$.Agent.AfterContactWorkDuration' END, CASE WHEN "r__is_answered" IS NOT NULL AND "is_answered" IS NULL THEN 'is_answered (expression)' END, CASE WHEN "r__is_answered" IS NULL THEN 'is_answered (expression)' END, CASE WHEN "r__is_resolved" IS NOT NULL AND "is_resolved" IS NULL THEN '$.Attributes.resolved' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastUpdateTimestamp' END, CASE WHEN "queue_s" < 0 THEN '$.Queue.Duration' END, CASE WHEN "talk_s" < 0 THEN '$.Agent.AgentInteractionDuration' END, CASE WHEN "hold_s" < 0 THEN '$.Agent.CustomerHoldDuration' END, CASE WHEN "acw_s" < 0 THEN '$.Agent.AfterContactWorkDuration' END, CASE WHEN "answered_at" < "initiated_at" THEN '$.Agent.ConnectedToAgentTimestamp' END, CASE WHEN "ended_at" < "initiated_at" THEN 'DisconnectTimestamp' END, CASE WHEN "ended_at" < "answered_at" THEN 'DisconnectTimestamp' END, CASE WHEN "initiated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'InitiationTimestamp' END, CASE WHEN "initiated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'InitiationTimestamp' END, CASE WHEN "answered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN '$.Agent.ConnectedToAgentTimestamp' END, CASE WHEN "answered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN '$.Agent.ConnectedToAgentTimestamp' END, CASE WHEN "ended_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'DisconnectTimestamp' END, CASE WHEN "ended_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'DisconnectTimestamp' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastUpdateTimestamp' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastUpdateTimestamp' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _line, _json_error, _record, _deleted,
    "r__call_id",
    CAST("r__call_id" AS VARCHAR) AS "call_id",
    "r__initiated_at",
    CAST(CASE WHEN regexp_matches(trim("r__initiated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__initiated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__initiated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__initiated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "initiated_at",
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
    CAST(CASE WHEN regexp_matches(trim("r__answered_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__answered_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__answered_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__answered_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "answered_at",
    "r__ended_at",
    CAST(CASE WHEN regexp_matches(trim("r__ended_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__ended_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__ended_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__ended_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "ended_at",
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
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _line, _json_error, _record, _deleted,
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__call_id"))) THEN nullif(CASE WHEN starts_with("v__call_id", ' ') THEN CASE WHEN trim("v__call_id") = '' THEN '' ELSE "v__call_id" END ELSE "v__call_id" END, '') END AS "r__call_id",
        nullif(CASE WHEN starts_with("v__initiated_at", ' ') THEN CASE WHEN trim("v__initiated_at") = '' THEN '' ELSE "v__initiated_at" END ELSE "v__initiated_at" END, '') AS "r__initiated_at",
        nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') AS "r__channel",
        nullif(CASE WHEN starts_with("v__direction", ' ') THEN CASE WHEN trim("v__direction") = '' THEN '' ELSE "v__direction" END ELSE "v__direction" END, '') AS "r__direction",
        nullif(CASE WHEN starts_with("v__customer_phone", ' ') THEN CASE WHEN trim("v__customer_phone") = '' THEN '' ELSE "v__customer_phone" END ELSE "v__customer_phone" END, '') AS "r__customer_phone",
        nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') AS "r__location_id",
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
                SELECT src._line, src._json_error, src._record, false AS _deleted,
            CAST(_j."ContactId" AS VARCHAR) AS "v__call_id",
            CAST(_j."InitiationTimestamp" AS VARCHAR) AS "v__initiated_at",
            CAST((lower(CAST(_j."Channel" AS VARCHAR))) AS VARCHAR) AS "v__channel",
            CAST((lower(CAST(_j."InitiationMethod" AS VARCHAR))) AS VARCHAR) AS "v__direction",
            CAST(_j."CustomerEndpoint"."Address" AS VARCHAR) AS "v__customer_phone",
            CAST(_j."Attributes"."location" AS VARCHAR) AS "v__location_id",
            CAST(_j."Queue"."Name" AS VARCHAR) AS "v__queue",
            CAST(_j."Agent"."Username" AS VARCHAR) AS "v__agent",
            CAST(_j."Agent"."ConnectedToAgentTimestamp" AS VARCHAR) AS "v__answered_at",
            CAST(_j."DisconnectTimestamp" AS VARCHAR) AS "v__ended_at",
            CAST(_j."Queue"."Duration" AS VARCHAR) AS "v__queue_s",
            CAST(_j."Agent"."AgentInteractionDuration" AS VARCHAR) AS "v__talk_s",
            CAST(_j."Agent"."CustomerHoldDuration" AS VARCHAR) AS "v__hold_s",
            CAST(_j."Agent"."AfterContactWorkDuration" AS VARCHAR) AS "v__acw_s",
            CAST(((CAST(_j."Agent"."ConnectedToAgentTimestamp" AS VARCHAR)) IS NOT NULL) AS VARCHAR) AS "v__is_answered",
            CAST(_j."Attributes"."resolved" AS VARCHAR) AS "v__is_resolved",
            CAST(_j."Attributes"."topic" AS VARCHAR) AS "v__topic",
            CAST(NULL AS VARCHAR) AS "v__satisfaction",
            CAST(_j."DisconnectReason" AS VARCHAR) AS "v__disconnect_reason",
            CAST(_j."LastUpdateTimestamp" AS VARCHAR) AS "v__updated_at"
                FROM (SELECT *, json_transform(json, '{"ContactId":"VARCHAR","InitiationTimestamp":"VARCHAR","CustomerEndpoint":{"Address":"VARCHAR"},"Attributes":{"location":"VARCHAR","resolved":"VARCHAR","topic":"VARCHAR"},"Queue":{"Name":"VARCHAR","Duration":"VARCHAR"},"Agent":{"Username":"VARCHAR","ConnectedToAgentTimestamp":"VARCHAR","AgentInteractionDuration":"VARCHAR","CustomerHoldDuration":"VARCHAR","AfterContactWorkDuration":"VARCHAR"},"DisconnectTimestamp":"VARCHAR","DisconnectReason":"VARCHAR","LastUpdateTimestamp":"VARCHAR","Channel":"VARCHAR","InitiationMethod":"VARCHAR"}') AS _j FROM src) AS src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
) AS typed
