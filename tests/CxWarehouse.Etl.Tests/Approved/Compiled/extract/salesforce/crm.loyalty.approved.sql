-- salesforce crm.loyalty: the typed select the extraction runs over each file of this stream,
-- here as resolved for LoyaltyProgramMember.csv, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "member_id", "customer_id", "enrolled_on", "tier", "status", "points", "channel", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__member_id" IS NULL THEN 'Id' || ': required value is missing' END, CASE WHEN "r__customer_id" IS NULL THEN 'ContactId' || ': required value is missing' END, CASE WHEN "r__enrolled_on" IS NOT NULL AND "enrolled_on" IS NULL THEN 'EnrollmentDate' || ': cannot read ''' || left("r__enrolled_on", 60) || ''' as a date' END, CASE WHEN "r__points" IS NOT NULL AND "points" IS NULL THEN 'PointsBalance__c' || ': cannot read ''' || left("r__points", 60) || ''' as an integer' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "points" < 0 THEN 'PointsBalance__c: ' || CAST("points" AS VARCHAR) || ' is negative' || ' (rule points_not_negative)' END, CASE WHEN "enrolled_on" < DATE '2000-01-01' THEN 'EnrollmentDate: ' || strftime("enrolled_on", '%Y-%m-%d') || ' is before the earliest plausible date 2000-01-01' || ' (rule enrolled_on_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__member_id" IS NULL THEN 'Id' END, CASE WHEN "r__customer_id" IS NULL THEN 'ContactId' END, CASE WHEN "r__enrolled_on" IS NOT NULL AND "enrolled_on" IS NULL THEN 'EnrollmentDate' END, CASE WHEN "r__points" IS NOT NULL AND "points" IS NULL THEN 'PointsBalance__c' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' END, CASE WHEN "points" < 0 THEN 'PointsBalance__c' END, CASE WHEN "enrolled_on" < DATE '2000-01-01' THEN 'EnrollmentDate' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__member_id",
    CAST("r__member_id" AS VARCHAR) AS "member_id",
    "r__customer_id",
    CAST("r__customer_id" AS VARCHAR) AS "customer_id",
    "r__enrolled_on",
    CAST(TRY_CAST(trim("r__enrolled_on") AS DATE) AS DATE) AS "enrolled_on",
    "r__tier",
    CAST("r__tier" AS VARCHAR) AS "tier",
    "r__status",
    CAST("r__status" AS VARCHAR) AS "status",
    "r__points",
    CAST(TRY_CAST(trim("r__points") AS BIGINT) AS BIGINT) AS "points",
    "r__channel",
    CAST("r__channel" AS VARCHAR) AS "channel",
    "r__updated_at",
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN CASE WHEN contains("v__member_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__member_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__member_id"))) THEN nullif(CASE WHEN starts_with("v__member_id", ' ') THEN CASE WHEN trim("v__member_id") = '' THEN '' ELSE "v__member_id" END ELSE "v__member_id" END, '') END AS "r__member_id",
        CASE WHEN CASE WHEN contains("v__customer_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__customer_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__customer_id"))) THEN nullif(CASE WHEN starts_with("v__customer_id", ' ') THEN CASE WHEN trim("v__customer_id") = '' THEN '' ELSE "v__customer_id" END ELSE "v__customer_id" END, '') END AS "r__customer_id",
        CASE WHEN CASE WHEN contains("v__enrolled_on", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__enrolled_on")) ELSE true END THEN nullif(CASE WHEN starts_with("v__enrolled_on", ' ') THEN CASE WHEN trim("v__enrolled_on") = '' THEN '' ELSE "v__enrolled_on" END ELSE "v__enrolled_on" END, '') END AS "r__enrolled_on",
        CASE WHEN CASE WHEN contains("v__tier", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__tier")) ELSE true END THEN nullif(CASE WHEN starts_with("v__tier", ' ') THEN CASE WHEN trim("v__tier") = '' THEN '' ELSE "v__tier" END ELSE "v__tier" END, '') END AS "r__tier",
        CASE WHEN CASE WHEN contains("v__status", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__status")) ELSE true END THEN nullif(CASE WHEN starts_with("v__status", ' ') THEN CASE WHEN trim("v__status") = '' THEN '' ELSE "v__status" END ELSE "v__status" END, '') END AS "r__status",
        CASE WHEN CASE WHEN contains("v__points", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__points")) ELSE true END THEN nullif(CASE WHEN starts_with("v__points", ' ') THEN CASE WHEN trim("v__points") = '' THEN '' ELSE "v__points" END ELSE "v__points" END, '') END AS "r__points",
        CASE WHEN CASE WHEN contains("v__channel", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__channel")) ELSE true END THEN nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') END AS "r__channel",
        CASE WHEN CASE WHEN contains("v__updated_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__updated_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') END AS "r__updated_at"
            FROM (
                SELECT src._record, coalesce(CAST(("IsDeleted" IN ('1', 'true', 'TRUE')) AS BOOLEAN), false) AS _deleted,
            "Id" AS "v__member_id",
            "ContactId" AS "v__customer_id",
            "EnrollmentDate" AS "v__enrolled_on",
            "MemberTier__c" AS "v__tier",
            "MemberStatus" AS "v__status",
            "PointsBalance__c" AS "v__points",
            "EnrollmentChannel" AS "v__channel",
            "LastModifiedDate" AS "v__updated_at"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
