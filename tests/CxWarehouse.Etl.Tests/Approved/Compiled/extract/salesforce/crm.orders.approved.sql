-- salesforce crm.orders: the typed select the extraction runs over each file of this stream,
-- here as resolved for Opportunity.csv, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, the file's records as text (_record, _file, one VARCHAR column per source column);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "order_id", "customer_id", "ordered_at", "status", "is_won", "amount", "currency", "location_id", "product_id", "channel", "campaign_id", "service_date", "delivered_at", "promised_at", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__order_id" IS NULL THEN 'Id' || ': required value is missing' END, CASE WHEN "r__ordered_at" IS NOT NULL AND "ordered_at" IS NULL THEN 'CloseDate' || ': cannot read ''' || left("r__ordered_at", 60) || ''' as a timestamp' END, CASE WHEN "r__ordered_at" IS NULL THEN 'CloseDate' || ': required value is missing' END, CASE WHEN "r__is_won" IS NOT NULL AND "is_won" IS NULL THEN 'IsWon' || ': cannot read ''' || left("r__is_won", 60) || ''' as true or false' END, CASE WHEN "r__amount" IS NOT NULL AND "amount" IS NULL THEN 'Amount' || ': cannot read ''' || left("r__amount", 60) || ''' as an amount' END, CASE WHEN "r__service_date" IS NOT NULL AND "service_date" IS NULL THEN 'Shoot_Date__c' || ': cannot read ''' || left("r__service_date", 60) || ''' as a date' END, CASE WHEN "r__delivered_at" IS NOT NULL AND "delivered_at" IS NULL THEN 'Delivered_Date__c' || ': cannot read ''' || left("r__delivered_at", 60) || ''' as a timestamp' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "amount" < 0 THEN 'Amount: ' || CAST("amount" AS VARCHAR) || ' is negative' || ' (rule amount_not_negative)' END, CASE WHEN "delivered_at" < "ordered_at" THEN 'Delivered_Date__c: ' || strftime(timezone('UTC', "delivered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before CloseDate ' || strftime(timezone('UTC', "ordered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule delivered_at_not_before_ordered_at)' END, CASE WHEN ("ordered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z') AND coalesce("is_won", true) THEN 'CloseDate: ' || strftime(timezone('UTC', "ordered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule ordered_at_not_in_future)' END, CASE WHEN "ordered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'CloseDate: ' || strftime(timezone('UTC', "ordered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule ordered_at_not_before_earliest)' END, CASE WHEN "service_date" < DATE '2000-01-01' THEN 'Shoot_Date__c: ' || strftime("service_date", '%Y-%m-%d') || ' is before the earliest plausible date 2000-01-01' || ' (rule service_date_not_before_earliest)' END, CASE WHEN "delivered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'Delivered_Date__c: ' || strftime(timezone('UTC', "delivered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule delivered_at_not_in_future)' END, CASE WHEN "delivered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'Delivered_Date__c: ' || strftime(timezone('UTC', "delivered_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule delivered_at_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__order_id" IS NULL THEN 'Id' END, CASE WHEN "r__ordered_at" IS NOT NULL AND "ordered_at" IS NULL THEN 'CloseDate' END, CASE WHEN "r__ordered_at" IS NULL THEN 'CloseDate' END, CASE WHEN "r__is_won" IS NOT NULL AND "is_won" IS NULL THEN 'IsWon' END, CASE WHEN "r__amount" IS NOT NULL AND "amount" IS NULL THEN 'Amount' END, CASE WHEN "r__service_date" IS NOT NULL AND "service_date" IS NULL THEN 'Shoot_Date__c' END, CASE WHEN "r__delivered_at" IS NOT NULL AND "delivered_at" IS NULL THEN 'Delivered_Date__c' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'LastModifiedDate' END, CASE WHEN "amount" < 0 THEN 'Amount' END, CASE WHEN "delivered_at" < "ordered_at" THEN 'Delivered_Date__c' END, CASE WHEN ("ordered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z') AND coalesce("is_won", true) THEN 'CloseDate' END, CASE WHEN "ordered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'CloseDate' END, CASE WHEN "service_date" < DATE '2000-01-01' THEN 'Shoot_Date__c' END, CASE WHEN "delivered_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'Delivered_Date__c' END, CASE WHEN "delivered_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'Delivered_Date__c' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'LastModifiedDate' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'LastModifiedDate' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__order_id",
    CAST("r__order_id" AS VARCHAR) AS "order_id",
    "r__customer_id",
    CAST("r__customer_id" AS VARCHAR) AS "customer_id",
    "r__ordered_at",
    CAST(CASE WHEN regexp_matches(trim("r__ordered_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__ordered_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__ordered_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__ordered_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "ordered_at",
    "r__status",
    CAST("r__status" AS VARCHAR) AS "status",
    "r__is_won",
    CAST(CASE WHEN lower(trim("r__is_won")) IN ('true', 't', '1', 'yes', 'y') THEN true WHEN lower(trim("r__is_won")) IN ('false', 'f', '0', 'no', 'n') THEN false END AS BOOLEAN) AS "is_won",
    "r__amount",
    CAST(CASE WHEN regexp_matches(trim("r__amount"), '^-?[0-9]{1,3}([.][0-9]{3})+$') THEN NULL WHEN contains(trim("r__amount"), ',') THEN CASE WHEN regexp_matches(trim("r__amount"), '^-?[0-9]{1,3}(,[0-9]{3})+([.][0-9]{1,2})?$') THEN TRY_CAST(replace(trim("r__amount"), ',', '') AS DECIMAL(18,2)) END ELSE TRY_CAST(trim("r__amount") AS DECIMAL(18,2)) END AS DECIMAL(18,2)) AS "amount",
    "r__currency",
    CAST("r__currency" AS VARCHAR) AS "currency",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__product_id",
    CAST("r__product_id" AS VARCHAR) AS "product_id",
    "r__channel",
    CAST("r__channel" AS VARCHAR) AS "channel",
    "r__campaign_id",
    CAST("r__campaign_id" AS VARCHAR) AS "campaign_id",
    "r__service_date",
    CAST(TRY_CAST(trim("r__service_date") AS DATE) AS DATE) AS "service_date",
    "r__delivered_at",
    CAST(CASE WHEN regexp_matches(trim("r__delivered_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__delivered_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__delivered_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__delivered_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "delivered_at",
    "r__promised_at",
    CAST(CASE WHEN regexp_matches(trim("r__promised_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__promised_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__promised_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__promised_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "promised_at",
    "r__updated_at",
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN CASE WHEN contains("v__order_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__order_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__order_id"))) THEN nullif(CASE WHEN starts_with("v__order_id", ' ') THEN CASE WHEN trim("v__order_id") = '' THEN '' ELSE "v__order_id" END ELSE "v__order_id" END, '') END AS "r__order_id",
        CASE WHEN CASE WHEN contains("v__customer_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__customer_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__customer_id"))) THEN nullif(CASE WHEN starts_with("v__customer_id", ' ') THEN CASE WHEN trim("v__customer_id") = '' THEN '' ELSE "v__customer_id" END ELSE "v__customer_id" END, '') END AS "r__customer_id",
        CASE WHEN CASE WHEN contains("v__ordered_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__ordered_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__ordered_at", ' ') THEN CASE WHEN trim("v__ordered_at") = '' THEN '' ELSE "v__ordered_at" END ELSE "v__ordered_at" END, '') END AS "r__ordered_at",
        CASE WHEN CASE WHEN contains("v__status", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__status")) ELSE true END THEN nullif(CASE WHEN starts_with("v__status", ' ') THEN CASE WHEN trim("v__status") = '' THEN '' ELSE "v__status" END ELSE "v__status" END, '') END AS "r__status",
        CASE WHEN CASE WHEN contains("v__is_won", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__is_won")) ELSE true END THEN nullif(CASE WHEN starts_with("v__is_won", ' ') THEN CASE WHEN trim("v__is_won") = '' THEN '' ELSE "v__is_won" END ELSE "v__is_won" END, '') END AS "r__is_won",
        CASE WHEN CASE WHEN contains("v__amount", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__amount")) ELSE true END THEN nullif(CASE WHEN starts_with("v__amount", ' ') THEN CASE WHEN trim("v__amount") = '' THEN '' ELSE "v__amount" END ELSE "v__amount" END, '') END AS "r__amount",
        CASE WHEN CASE WHEN contains("v__currency", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__currency")) ELSE true END THEN nullif(CASE WHEN starts_with("v__currency", ' ') THEN CASE WHEN trim("v__currency") = '' THEN '' ELSE "v__currency" END ELSE "v__currency" END, '') END AS "r__currency",
        CASE WHEN CASE WHEN contains("v__location_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__location_id")) ELSE true END THEN nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') END AS "r__location_id",
        CASE WHEN CASE WHEN contains("v__product_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__product_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__product_id"))) THEN nullif(CASE WHEN starts_with("v__product_id", ' ') THEN CASE WHEN trim("v__product_id") = '' THEN '' ELSE "v__product_id" END ELSE "v__product_id" END, '') END AS "r__product_id",
        CASE WHEN CASE WHEN contains("v__channel", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__channel")) ELSE true END THEN nullif(CASE WHEN starts_with("v__channel", ' ') THEN CASE WHEN trim("v__channel") = '' THEN '' ELSE "v__channel" END ELSE "v__channel" END, '') END AS "r__channel",
        CASE WHEN CASE WHEN contains("v__campaign_id", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__campaign_id")) ELSE true END AND NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__campaign_id"))) THEN nullif(CASE WHEN starts_with("v__campaign_id", ' ') THEN CASE WHEN trim("v__campaign_id") = '' THEN '' ELSE "v__campaign_id" END ELSE "v__campaign_id" END, '') END AS "r__campaign_id",
        CASE WHEN CASE WHEN contains("v__service_date", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__service_date")) ELSE true END THEN nullif(CASE WHEN starts_with("v__service_date", ' ') THEN CASE WHEN trim("v__service_date") = '' THEN '' ELSE "v__service_date" END ELSE "v__service_date" END, '') END AS "r__service_date",
        CASE WHEN CASE WHEN contains("v__delivered_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__delivered_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__delivered_at", ' ') THEN CASE WHEN trim("v__delivered_at") = '' THEN '' ELSE "v__delivered_at" END ELSE "v__delivered_at" END, '') END AS "r__delivered_at",
        CASE WHEN CASE WHEN contains("v__promised_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__promised_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__promised_at", ' ') THEN CASE WHEN trim("v__promised_at") = '' THEN '' ELSE "v__promised_at" END ELSE "v__promised_at" END, '') END AS "r__promised_at",
        CASE WHEN CASE WHEN contains("v__updated_at", '000000000000000') THEN NOT list_contains(['000000000000000AAA', '000000000000000'], trim("v__updated_at")) ELSE true END THEN nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') END AS "r__updated_at"
            FROM (
                SELECT src._record, coalesce(CAST(("IsDeleted" IN ('1', 'true', 'TRUE')) AS BOOLEAN), false) AS _deleted,
            "Id" AS "v__order_id",
            "ContactId" AS "v__customer_id",
            "CloseDate" AS "v__ordered_at",
            "StageName" AS "v__status",
            "IsWon" AS "v__is_won",
            "Amount" AS "v__amount",
            "CurrencyIsoCode" AS "v__currency",
            "Location__c" AS "v__location_id",
            "Package__c" AS "v__product_id",
            "Channel__c" AS "v__channel",
            "CampaignId" AS "v__campaign_id",
            "Shoot_Date__c" AS "v__service_date",
            "Delivered_Date__c" AS "v__delivered_at",
            CAST(NULL AS VARCHAR) AS "v__promised_at",
            "LastModifiedDate" AS "v__updated_at"
                FROM src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
