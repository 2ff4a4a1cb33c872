-- identity_matches: the match report: for each rule, how many links it made and how many records it joined
-- to another record of a different source or to a duplicate of the same source.
with

links as (

    select * from intermediate.int_identity_links

),

records as (

    select node, source from intermediate.int_identity_records

),

final as (

    select
        links.rule,
        count(*) as links,
        count(distinct links.a) + count(distinct links.b) as records_involved,
        count(*) filter (where left_record.source = right_record.source) as same_source_links,
        count(*) filter (where left_record.source <> right_record.source) as cross_source_links
    from links
    inner join records as left_record on left_record.node = links.a
    inner join records as right_record on right_record.node = links.b
    group by links.rule

)

select * from final
order by rule
