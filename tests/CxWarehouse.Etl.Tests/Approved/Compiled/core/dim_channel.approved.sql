-- core.dim_channel: compiled by cxw from sql/core/dim_channel.sql (materialized: table).
-- dim_channel: one row per contact channel that touchpoints use, with its family.
with

channels as (

    select distinct channel from core.fct_touchpoints where channel is not null

),

final as (

    select
        channel,
        case
            when channel in ('web', 'chat') then 'digital'
            when channel in ('phone', 'voice') then 'voice'
            when channel in ('email', 'survey') then 'messaging'
            when channel like 'review_%' or channel = 'social' then 'public'
            when channel = 'studio' then 'in person'
            else 'other'
        end as channel_family
    from channels

)

select * from final
