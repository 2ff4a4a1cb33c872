-- google reviews.reviews: the typed select the extraction runs over each file of this stream,
-- here as resolved for LDN.json, for a run at 2026-11-23T06:00:00Z (local times in UTC). It reads the
-- temporary table src, one row per JSON record of the file (_record, _file, json);
-- rows with an _error are quarantined with that reason, the others loaded. A file
-- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.
SELECT _record, _deleted, "review_id", "platform", "location_id", "author_name", "rating", "title", "text", "language", "posted_at", "reply_text", "replied_at", "order_id", "updated_at",
    nullif(concat_ws('; ', CASE WHEN "r__review_id" IS NULL THEN 'reviewId' || ': required value is missing' END, CASE WHEN "r__platform" IS NULL THEN 'platform' || ': required value is missing' END, CASE WHEN "r__rating" IS NOT NULL AND "rating" IS NULL THEN 'starRating' || ': cannot read ''' || left("r__rating", 60) || ''' as a number' END, CASE WHEN "r__rating" IS NULL THEN 'starRating' || ': required value is missing' END, CASE WHEN "r__posted_at" IS NOT NULL AND "posted_at" IS NULL THEN 'createTime' || ': cannot read ''' || left("r__posted_at", 60) || ''' as a timestamp' END, CASE WHEN "r__posted_at" IS NULL THEN 'createTime' || ': required value is missing' END, CASE WHEN "r__replied_at" IS NOT NULL AND "replied_at" IS NULL THEN '$.reviewReply.updateTime' || ': cannot read ''' || left("r__replied_at", 60) || ''' as a timestamp' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'updateTime' || ': cannot read ''' || left("r__updated_at", 60) || ''' as a timestamp' END, CASE WHEN "rating" < 1 OR "rating" > 5 THEN 'starRating: ' || CAST("rating" AS VARCHAR) || ' is outside 1-5' || ' (rule rating_in_1_5)' END, CASE WHEN "replied_at" < "posted_at" THEN '$.reviewReply.updateTime: ' || strftime(timezone('UTC', "replied_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before createTime ' || strftime(timezone('UTC', "posted_at"), '%Y-%m-%dT%H:%M:%SZ') || ' (rule replied_at_not_before_posted_at)' END, CASE WHEN "posted_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'createTime: ' || strftime(timezone('UTC', "posted_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule posted_at_not_in_future)' END, CASE WHEN "posted_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'createTime: ' || strftime(timezone('UTC', "posted_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule posted_at_not_before_earliest)' END, CASE WHEN "replied_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN '$.reviewReply.updateTime: ' || strftime(timezone('UTC', "replied_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule replied_at_not_in_future)' END, CASE WHEN "replied_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN '$.reviewReply.updateTime: ' || strftime(timezone('UTC', "replied_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule replied_at_not_before_earliest)' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'updateTime: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is in the future (after 2026-11-24T06:00:00Z)' || ' (rule updated_at_not_in_future)' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'updateTime: ' || strftime(timezone('UTC', "updated_at"), '%Y-%m-%dT%H:%M:%SZ') || ' is before the earliest plausible date 2000-01-01' || ' (rule updated_at_not_before_earliest)' END), '') AS _error,
    coalesce(CASE WHEN "r__review_id" IS NULL THEN 'reviewId' END, CASE WHEN "r__platform" IS NULL THEN 'platform' END, CASE WHEN "r__rating" IS NOT NULL AND "rating" IS NULL THEN 'starRating' END, CASE WHEN "r__rating" IS NULL THEN 'starRating' END, CASE WHEN "r__posted_at" IS NOT NULL AND "posted_at" IS NULL THEN 'createTime' END, CASE WHEN "r__posted_at" IS NULL THEN 'createTime' END, CASE WHEN "r__replied_at" IS NOT NULL AND "replied_at" IS NULL THEN '$.reviewReply.updateTime' END, CASE WHEN "r__updated_at" IS NOT NULL AND "updated_at" IS NULL THEN 'updateTime' END, CASE WHEN "rating" < 1 OR "rating" > 5 THEN 'starRating' END, CASE WHEN "replied_at" < "posted_at" THEN '$.reviewReply.updateTime' END, CASE WHEN "posted_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'createTime' END, CASE WHEN "posted_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'createTime' END, CASE WHEN "replied_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN '$.reviewReply.updateTime' END, CASE WHEN "replied_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN '$.reviewReply.updateTime' END, CASE WHEN "updated_at" > TIMESTAMPTZ '2026-11-24T06:00:00Z' THEN 'updateTime' END, CASE WHEN "updated_at" < TIMESTAMPTZ '2000-01-01T00:00:00Z' THEN 'updateTime' END) AS _error_column,
    CAST(NULL AS VARCHAR) AS _flag
FROM (
    SELECT *
    FROM (
        SELECT _record, _deleted,
    "r__review_id",
    CAST("r__review_id" AS VARCHAR) AS "review_id",
    "r__platform",
    CAST("r__platform" AS VARCHAR) AS "platform",
    "r__location_id",
    CAST("r__location_id" AS VARCHAR) AS "location_id",
    "r__author_name",
    CAST("r__author_name" AS VARCHAR) AS "author_name",
    "r__rating",
    CAST(TRY_CAST(trim("r__rating") AS DOUBLE) AS DOUBLE) AS "rating",
    "r__title",
    CAST("r__title" AS VARCHAR) AS "title",
    "r__text",
    CAST("r__text" AS VARCHAR) AS "text",
    "r__language",
    CAST("r__language" AS VARCHAR) AS "language",
    "r__posted_at",
    CAST(CASE WHEN regexp_matches(trim("r__posted_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__posted_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__posted_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__posted_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "posted_at",
    "r__reply_text",
    CAST("r__reply_text" AS VARCHAR) AS "reply_text",
    "r__replied_at",
    CAST(CASE WHEN regexp_matches(trim("r__replied_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__replied_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__replied_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__replied_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "replied_at",
    "r__order_id",
    CAST("r__order_id" AS VARCHAR) AS "order_id",
    "r__updated_at",
    CAST(CASE WHEN regexp_matches(trim("r__updated_at"), '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN coalesce(TRY_CAST(trim("r__updated_at") AS TIMESTAMPTZ), TRY_CAST(regexp_replace(trim("r__updated_at"), ' (Z|[+-][0-9]{2}(:?[0-9]{2})?)$', '\1') AS TIMESTAMPTZ)) ELSE timezone('UTC', TRY_CAST(trim("r__updated_at") AS TIMESTAMP)) END AS TIMESTAMPTZ) AS "updated_at"
        FROM (
            SELECT _record, _deleted,
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__review_id"))) THEN nullif(CASE WHEN starts_with("v__review_id", ' ') THEN CASE WHEN trim("v__review_id") = '' THEN '' ELSE "v__review_id" END ELSE "v__review_id" END, '') END AS "r__review_id",
        nullif(CASE WHEN starts_with("v__platform", ' ') THEN CASE WHEN trim("v__platform") = '' THEN '' ELSE "v__platform" END ELSE "v__platform" END, '') AS "r__platform",
        nullif(CASE WHEN starts_with("v__location_id", ' ') THEN CASE WHEN trim("v__location_id") = '' THEN '' ELSE "v__location_id" END ELSE "v__location_id" END, '') AS "r__location_id",
        nullif(CASE WHEN starts_with("v__author_name", ' ') THEN CASE WHEN trim("v__author_name") = '' THEN '' ELSE "v__author_name" END ELSE "v__author_name" END, '') AS "r__author_name",
        CASE WHEN "v__rating" <> '' AND (NOT starts_with("v__rating", ' ') OR trim("v__rating") <> '') THEN (CASE "v__rating" WHEN 'ONE' THEN '1' WHEN 'TWO' THEN '2' WHEN 'THREE' THEN '3' WHEN 'FOUR' THEN '4' WHEN 'FIVE' THEN '5' ELSE "v__rating" END) END AS "r__rating",
        nullif(CASE WHEN starts_with("v__title", ' ') THEN CASE WHEN trim("v__title") = '' THEN '' ELSE "v__title" END ELSE "v__title" END, '') AS "r__title",
        nullif(CASE WHEN starts_with("v__text", ' ') THEN CASE WHEN trim("v__text") = '' THEN '' ELSE "v__text" END ELSE "v__text" END, '') AS "r__text",
        nullif(CASE WHEN starts_with("v__language", ' ') THEN CASE WHEN trim("v__language") = '' THEN '' ELSE "v__language" END ELSE "v__language" END, '') AS "r__language",
        nullif(CASE WHEN starts_with("v__posted_at", ' ') THEN CASE WHEN trim("v__posted_at") = '' THEN '' ELSE "v__posted_at" END ELSE "v__posted_at" END, '') AS "r__posted_at",
        nullif(CASE WHEN starts_with("v__reply_text", ' ') THEN CASE WHEN trim("v__reply_text") = '' THEN '' ELSE "v__reply_text" END ELSE "v__reply_text" END, '') AS "r__reply_text",
        nullif(CASE WHEN starts_with("v__replied_at", ' ') THEN CASE WHEN trim("v__replied_at") = '' THEN '' ELSE "v__replied_at" END ELSE "v__replied_at" END, '') AS "r__replied_at",
        CASE WHEN NOT list_contains(['000000000000000aaa', '000000000000000', '0', '-1', 'n/a', 'unknown'], lower(trim("v__order_id"))) THEN nullif(CASE WHEN starts_with("v__order_id", ' ') THEN CASE WHEN trim("v__order_id") = '' THEN '' ELSE "v__order_id" END ELSE "v__order_id" END, '') END AS "r__order_id",
        nullif(CASE WHEN starts_with("v__updated_at", ' ') THEN CASE WHEN trim("v__updated_at") = '' THEN '' ELSE "v__updated_at" END ELSE "v__updated_at" END, '') AS "r__updated_at"
            FROM (
                SELECT src._record, false AS _deleted,
            CAST(_j."reviewId" AS VARCHAR) AS "v__review_id",
            'google' AS "v__platform",
            CAST((regexp_extract(_file, '([^/]+)\.json$', 1)) AS VARCHAR) AS "v__location_id",
            CAST(_j."reviewer"."displayName" AS VARCHAR) AS "v__author_name",
            CAST(_j."starRating" AS VARCHAR) AS "v__rating",
            CAST(NULL AS VARCHAR) AS "v__title",
            CAST(_j."comment" AS VARCHAR) AS "v__text",
            CAST(NULL AS VARCHAR) AS "v__language",
            CAST(_j."createTime" AS VARCHAR) AS "v__posted_at",
            CAST(_j."reviewReply"."comment" AS VARCHAR) AS "v__reply_text",
            CAST(_j."reviewReply"."updateTime" AS VARCHAR) AS "v__replied_at",
            CAST(NULL AS VARCHAR) AS "v__order_id",
            CAST(_j."updateTime" AS VARCHAR) AS "v__updated_at"
                FROM (SELECT *, json_transform(json, '{"reviewId":"VARCHAR","reviewer":{"displayName":"VARCHAR"},"starRating":"VARCHAR","comment":"VARCHAR","createTime":"VARCHAR","reviewReply":{"comment":"VARCHAR","updateTime":"VARCHAR"},"updateTime":"VARCHAR"}') AS _j FROM src) AS src
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted
