-- salesforce crm.customers: the typed select the extraction runs over each file of this stream,
-- here as resolved for Contact.csv, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "customer_id", "person_id", "first_name", "last_name", "email", "phone", "city", "country", "segment", "location_id", "lead_source", "is_opted_out", "created_at", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__customer_id" IS NULL THEN 'Id' || ': required value is missing' END, CASE WHEN "r__is_opted_out" IS NOT NULL AND "is_opted_out" IS NULL THEN 'HasOptedOutOfEmail' || ': cannot read ''' || left("r__is_opted_out", 60) || ''' as true or false' END, CASE WHEN "r__created_at" IS NOT NULL AND "created_at" IS NULL THEN 'CreatedDate' || ': cannot read ''' || left("r__created_at", 60) || ''' as a timestamp' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "created_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'CreatedDate: ' || strftime(timezone('UTC', "created_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule created_at_not_in_future)' END, CASE WHEN "created_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'CreatedDate: ' || strftime(timezone('UTC', "created_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule created_at_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__customer_id" IS NULL THEN 'Id' END, CASE WHEN "r__is_opted_out" IS NOT NULL AND "is_opted_out" IS NULL THEN 'HasOptedOutOfEmail' END, CASE WHEN "r__created_at" IS NOT NULL AND "created_at" IS NULL THEN 'CreatedDate' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' END, CASE WHEN "created_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'CreatedDate' END, CASE WHEN "created_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'CreatedDate' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__customer_id",
    CAST("r__customer_id" AS VARCHAR) AS "customer_id",
    "r__person_id",
    CAST("r__person_id" AS VARCHAR) AS "person_id",
    "r__first_name",
    CAST("r__first_name" AS VARCHAR) AS "first_name",
    "r__last_name",
    CAST("r__last_name" AS VARCHAR) AS "last_name",
    "r__email",
    CAST("r__email" AS VARCHAR) AS "email",
    "r__phone",
    CAST("r__phone" AS VARCHAR) AS "phone",
    "r__city",
    CAST("r__city" AS VARCHAR) AS "city",
    "r__country",
    CAST("r__country" AS VARCHAR) AS "country",
    "r__segment",
    CAST("r__segment" AS VARCHAR) AS "segment",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__lead_source",
    CAST("r__lead_source" AS VARCHAR) AS "lead_source",
    "r__is_opted_out",
    CAST(CASE WHEN lower(trim("r__is_opted_out")) IN ('true', 't', '1', 'yes', 'y') THEN true WHEN lower(trim("r__is_opted_out")) IN ('false', 'f', '0', 'no', 'n') THEN false END AS BOOLEAN) AS "is_opted_out",
    "r__created_at",
    CAST(CASE WHEN regexp_matches(trim("r__created_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__created_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__created_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__created_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "created_at",
    "r__updated_at",
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN CASE WHEN contains("v__customer_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__customer_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__customer_id"))) THEN nullif(CASE WHEN starts_with("v__customer_id", ' ') THEN CASE WHEN trim("v__customer_id") = '' THEN '' ELSE "v__customer_id" END ELSE "v__customer_id" END, '') END AS "r__customer_id",
        CASE WHEN CASE WHEN contains("v__person_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__person_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__person_id"))) THEN nullif(CASE WHEN starts_with("v__person_id", ' ') THEN CASE WHEN trim("v__person_id") = '' THEN '' ELSE "v__person_id" END ELSE "v__person_id" END, '') END AS "r__person_id",
        CASE WHEN CASE WHEN contains("v__first_name", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__first_name")) ELSE true END THEN nullif(CASE WHEN starts_with("v__first_name", ' ') THEN CASE WHEN trim("v__first_name") = '' THEN '' ELSE "v__first_name" END ELSE "v__first_name" END, '') END AS "r__first_name",
        CASE WHEN CASE WHEN contains("v__last_name", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__last_name")) ELSE true END THEN nullif(CASE WHEN starts_with("v__last_name", ' ') THEN CASE WHEN trim("v__last_name") = '' THEN '' ELSE "v__last_name" END ELSE "v__last_name" END, '') END AS "r__last_name",
        CASE WHEN CASE WHEN contains("v__email", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__email")) ELSE true END THEN nullif(CASE WHEN starts_with("v__email", ' ') THEN CASE WHEN trim("v__email") = '' THEN '' ELSE "v__email" END ELSE "v__email" END, '') END AS "r__email",
        CASE WHEN CASE WHEN contains("v__phone", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__phone")) ELSE true END THEN nullif(CASE WHEN starts_with("v__phone", ' ') THEN CASE WHEN trim("v__phone") = '' THEN '' ELSE "v__phone" END ELSE "v__phone" END, '') END AS "r__phone",
        CASE WHEN CASE WHEN contains("v__city", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__city")) ELSE true END THEN nullif(CASE WHEN starts_with("v__city", ' ') THEN CASE WHEN trim("v__city") = '' THEN '' ELSE "v__city" END ELSE "v__city" END, '') END AS "r__city",
        CASE WHEN CASE WHEN contains("v__country", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__country")) ELSE true END THEN nullif(CASE WHEN starts_with("v__country", ' ') THEN CASE WHEN trim("v__country") = '' THEN '' ELSE "v__country" END ELSE "v__country" END, '') END AS "r__country",
        CASE WHEN CASE WHEN contains("v__segment", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__segment")) ELSE true END THEN nullif(CASE WHEN starts_with("v__segment", ' ') THEN CASE WHEN trim("v__segment") = '' THEN '' ELSE "v__segment" END ELSE "v__segment" END, '') END AS "r__segment",
        CASE WHEN CASE WHEN contains("v__location_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__location_id")) ELSE true END THEN nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') END AS "r__location_id",
        CASE WHEN CASE WHEN contains("v__lead_source", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__lead_source")) ELSE true END THEN nullif(CASE WHEN starts_with("v__lead_source", ' ') THEN CASE WHEN trim("v__lead_source") = '' THEN '' ELSE "v__lead_source" END ELSE "v__lead_source" END, '') END AS "r__lead_source",
        CASE WHEN CASE WHEN contains("v__is_opted_out", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__is_opted_out")) ELSE true END THEN nullif(CASE WHEN starts_with("v__is_opted_out", ' ') THEN CASE WHEN trim("v__is_opted_out") = '' THEN '' ELSE "v__is_opted_out" END ELSE "v__is_opted_out" END, '') END AS "r__is_opted_out",
        CASE WHEN CASE WHEN contains("v__created_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__created_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__created_at", ' ') THEN CASE WHEN trim("v__created_at") = '' THEN '' ELSE "v__created_at" END ELSE "v__created_at" END, '') END AS "r__created_at",
        CASE WHEN CASE WHEN contains("v__updated_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__updated_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') END AS "r__updated_at"
            FROM (
                SELECT src._record, coalesce(CAST(("IsDeleted" IN ('1', 'true', 'TRUE')) AS BOOLEAN), false) AS _deleted,
            "Id" AS "v__customer_id",
            CAST(NULL AS VARCHAR) AS "v__person_id",
            "FirstName" AS "v__first_name",
            "LastName" AS "v__last_name",
            "Email" AS "v__email",
            CAST((coalesce(nullif(trim("Phone"), ''), "MobilePhone")) AS VARCHAR) AS "v__phone",
            "MailingCity" AS "v__city",
            "MailingCountry" AS "v__country",
            "Segment__c" AS "v__segment",
            "Location__c" AS "v__location_id",
            "LeadSource" AS "v__lead_source",
            "HasOptedOutOfEmail" AS "v__is_opted_out",
            "CreatedDate" AS "v__created_at",
            "LastModifiedDate" AS "v__updated_at"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
