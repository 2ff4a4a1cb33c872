-- salesforce crm.tickets: the typed select the extraction runs over each file of this stream,
-- here as resolved for Case.csv, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "ticket_id", "ticket_number", "customer_id", "email", "created_at", "first_response_at", "resolved_at", "status", "priority", "channel", "ticket_type", "is_complaint", "subject", "description", "location_id", "agent_id", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__ticket_id" IS NULL THEN 'Id' || ': required value is missing' END, CASE WHEN "r__created_at" IS NOT NULL AND "created_at" IS NULL THEN 'CreatedDate' || ': cannot read ''' || left("r__created_at", 60) || ''' as a timestamp' END, CASE WHEN "r__created_at" IS NULL THEN 'CreatedDate' || ': required value is missing' END, CASE WHEN "r__first_response_at" IS NOT NULL AND "first_response_at" IS NULL THEN 'First_Response__c' || ': cannot read ''' || left("r__first_response_at", 60) || ''' as a timestamp' END, CASE WHEN "r__resolved_at" IS NOT NULL AND "resolved_at" IS NULL THEN 'ClosedDate' || ': cannot read ''' || left("r__resolved_at", 60) || ''' as a timestamp' END, CASE WHEN "r__is_complaint" IS NOT NULL AND "is_complaint" IS NULL THEN 'is_complaint (expression)' || ': cannot read ''' || left("r__is_complaint", 60) || ''' as true or false' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "first_response_at" < "created_at" THEN 'First_Response__c: ' || strftime(timezone('UTC', "first_response_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before CreatedDate ' || strftime(timezone('UTC', "created_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule first_response_at_not_before_created_at)' END, CASE WHEN "resolved_at" < "created_at" THEN 'ClosedDate: ' || strftime(timezone('UTC', "resolved_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before CreatedDate ' || strftime(timezone('UTC', "created_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule resolved_at_not_before_created_at)' END, CASE WHEN "created_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'CreatedDate: ' || strftime(timezone('UTC', "created_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule created_at_not_in_future)' END, CASE WHEN "created_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'CreatedDate: ' || strftime(timezone('UTC', "created_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule created_at_not_before_earliest)' END, CASE WHEN "first_response_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'First_Response__c: ' || strftime(timezone('UTC', "first_response_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule first_response_at_not_in_future)' END, CASE WHEN "first_response_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'First_Response__c: ' || strftime(timezone('UTC', "first_response_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule first_response_at_not_before_earliest)' END, CASE WHEN "resolved_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'ClosedDate: ' || strftime(timezone('UTC', "resolved_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule resolved_at_not_in_future)' END, CASE WHEN "resolved_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'ClosedDate: ' || strftime(timezone('UTC', "resolved_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule resolved_at_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__ticket_id" IS NULL THEN 'Id' END, CASE WHEN "r__created_at" IS NOT NULL AND "created_at" IS NULL THEN 'CreatedDate' END, CASE WHEN "r__created_at" IS NULL THEN 'CreatedDate' END, CASE WHEN "r__first_response_at" IS NOT NULL AND "first_response_at" IS NULL THEN 'First_Response__c' END, CASE WHEN "r__resolved_at" IS NOT NULL AND "resolved_at" IS NULL THEN 'ClosedDate' END, CASE WHEN "r__is_complaint" IS NOT NULL AND "is_complaint" IS NULL THEN 'is_complaint (expression)' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' END, CASE WHEN "first_response_at" < "created_at" THEN 'First_Response__c' END, CASE WHEN "resolved_at" < "created_at" THEN 'ClosedDate' END, CASE WHEN "created_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'CreatedDate' END, CASE WHEN "created_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'CreatedDate' END, CASE WHEN "first_response_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'First_Response__c' END, CASE WHEN "first_response_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'First_Response__c' END, CASE WHEN "resolved_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'ClosedDate' END, CASE WHEN "resolved_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'ClosedDate' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__ticket_id",
    CAST("r__ticket_id" AS VARCHAR) AS "ticket_id",
    "r__ticket_number",
    CAST("r__ticket_number" AS VARCHAR) AS "ticket_number",
    "r__customer_id",
    CAST("r__customer_id" AS VARCHAR) AS "customer_id",
    "r__email",
    CAST("r__email" AS VARCHAR) AS "email",
    "r__created_at",
    CAST(CASE WHEN regexp_matches(trim("r__created_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__created_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__created_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__created_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "created_at",
    "r__first_response_at",
    CAST(CASE WHEN regexp_matches(trim("r__first_response_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__first_response_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__first_response_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__first_response_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "first_response_at",
    "r__resolved_at",
    CAST(CASE WHEN regexp_matches(trim("r__resolved_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__resolved_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__resolved_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__resolved_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "resolved_at",
    "r__status",
    CAST("r__status" AS VARCHAR) AS "status",
    "r__priority",
    CAST("r__priority" AS VARCHAR) AS "priority",
    "r__channel",
    CAST("r__channel" AS VARCHAR) AS "channel",
    "r__ticket_type",
    CAST("r__ticket_type" AS VARCHAR) AS "ticket_type",
    "r__is_complaint",
    CAST(CASE WHEN lower(trim("r__is_complaint")) IN ('true', 't', '1', 'yes', 'y') THEN true WHEN lower(trim("r__is_complaint")) IN ('false', 'f', '0', 'no', 'n') THEN false END AS BOOLEAN) AS "is_complaint",
    "r__subject",
    CAST("r__subject" AS VARCHAR) AS "subject",
    "r__description",
    CAST("r__description" AS VARCHAR) AS "description",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__agent_id",
    CAST("r__agent_id" AS VARCHAR) AS "agent_id",
    "r__updated_at",
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN CASE WHEN contains("v__ticket_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__ticket_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__ticket_id"))) THEN nullif(CASE WHEN starts_with("v__ticket_id", ' ') THEN CASE WHEN trim("v__ticket_id") = '' THEN '' ELSE "v__ticket_id" END ELSE "v__ticket_id" END, '') END AS "r__ticket_id",
        CASE WHEN CASE WHEN contains("v__ticket_number", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__ticket_number")) ELSE true END THEN nullif(CASE WHEN starts_with("v__ticket_number", ' ') THEN CASE WHEN trim("v__ticket_number") = '' THEN '' ELSE "v__ticket_number" END ELSE "v__ticket_number" END, '') END AS "r__ticket_number",
        CASE WHEN CASE WHEN contains("v__customer_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__customer_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__customer_id"))) THEN nullif(CASE WHEN starts_with("v__customer_id", ' ') THEN CASE WHEN trim("v__customer_id") = '' THEN '' ELSE "v__customer_id" END ELSE "v__customer_id" END, '') END AS "r__customer_id",
        CASE WHEN CASE WHEN contains("v__email", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__email")) ELSE true END THEN nullif(CASE WHEN starts_with("v__email", ' ') THEN CASE WHEN trim("v__email") = '' THEN '' ELSE "v__email" END ELSE "v__email" END, '') END AS "r__email",
        CASE WHEN CASE WHEN contains("v__created_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__created_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__created_at", ' ') THEN CASE WHEN trim("v__created_at") = '' THEN '' ELSE "v__created_at" END ELSE "v__created_at" END, '') END AS "r__created_at",
        CASE WHEN CASE WHEN contains("v__first_response_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__first_response_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__first_response_at", ' ') THEN CASE WHEN trim("v__first_response_at") = '' THEN '' ELSE "v__first_response_at" END ELSE "v__first_response_at" END, '') END AS "r__first_response_at",
        CASE WHEN CASE WHEN contains("v__resolved_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__resolved_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__resolved_at", ' ') THEN CASE WHEN trim("v__resolved_at") = '' THEN '' ELSE "v__resolved_at" END ELSE "v__resolved_at" END, '') END AS "r__resolved_at",
        CASE WHEN CASE WHEN contains("v__status", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__status")) ELSE true END THEN nullif(CASE WHEN starts_with("v__status", ' ') THEN CASE WHEN trim("v__status") = '' THEN '' ELSE "v__status" END ELSE "v__status" END, '') END AS "r__status",
        CASE WHEN CASE WHEN contains("v__priority", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__priority")) ELSE true END THEN nullif(CASE WHEN starts_with("v__priority", ' ') THEN CASE WHEN trim("v__priority") = '' THEN '' ELSE "v__priority" END ELSE "v__priority" END, '') END AS "r__priority",
        CASE WHEN CASE WHEN contains("v__channel", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__channel")) ELSE true END THEN nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') END AS "r__channel",
        CASE WHEN CASE WHEN contains("v__ticket_type", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__ticket_type")) ELSE true END THEN nullif(CASE WHEN starts_with("v__ticket_type", ' ') THEN CASE WHEN trim("v__ticket_type") = '' THEN '' ELSE "v__ticket_type" END ELSE "v__ticket_type" END, '') END AS "r__ticket_type",
        CASE WHEN CASE WHEN contains("v__is_complaint", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__is_complaint")) ELSE true END THEN nullif(CASE WHEN starts_with("v__is_complaint", ' ') THEN CASE WHEN trim("v__is_complaint") = '' THEN '' ELSE "v__is_complaint" END ELSE "v__is_complaint" END, '') END AS "r__is_complaint",
        CASE WHEN CASE WHEN contains("v__subject", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__subject")) ELSE true END THEN nullif(CASE WHEN starts_with("v__subject", ' ') THEN CASE WHEN trim("v__subject") = '' THEN '' ELSE "v__subject" END ELSE "v__subject" END, '') END AS "r__subject",
        CASE WHEN CASE WHEN contains("v__description", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__description")) ELSE true END THEN nullif(CASE WHEN starts_with("v__description", ' ') THEN CASE WHEN trim("v__description") = '' THEN '' ELSE "v__description" END ELSE "v__description" END, '') END AS "r__description",
        CASE WHEN CASE WHEN contains("v__location_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__location_id")) ELSE true END THEN nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') END AS "r__location_id",
        CASE WHEN CASE WHEN contains("v__agent_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__agent_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__agent_id"))) THEN nullif(CASE WHEN starts_with("v__agent_id", ' ') THEN CASE WHEN trim("v__agent_id") = '' THEN '' ELSE "v__agent_id" END ELSE "v__agent_id" END, '') END AS "r__agent_id",
        CASE WHEN CASE WHEN contains("v__updated_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__updated_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') END AS "r__updated_at"
            FROM (
                SELECT src._record, coalesce(CAST(("IsDeleted" IN ('1', 'true', 'TRUE')) AS BOOLEAN), false) AS _deleted,
            "Id" AS "v__ticket_id",
            "CaseNumber" AS "v__ticket_number",
            "ContactId" AS "v__customer_id",
            "SuppliedEmail" AS "v__email",
            "CreatedDate" AS "v__created_at",
            "First_Response__c" AS "v__first_response_at",
            "ClosedDate" AS "v__resolved_at",
            "Status" AS "v__status",
            "Priority" AS "v__priority",
            "Origin" AS "v__channel",
            "Type" AS "v__ticket_type",
            CAST(("Type" = 'Complaint') AS VARCHAR) AS "v__is_complaint",
            "Subject" AS "v__subject",
            "Description" AS "v__description",
            "Location__c" AS "v__location_id",
            "OwnerId" AS "v__agent_id",
            "LastModifiedDate" AS "v__updated_at"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
