-- business_clock_s(ts, opens_at, closes_at, open_seconds_before): the business clock at instant ts, in open seconds
-- since its calendar began, given the calendar's last interval to open at or before ts (an ASOF join on
-- intermediate.int_business_intervals): the open time before that interval plus the part of it already gone. No
-- such interval means the clock has not started (0); no instant, no reading (NULL). Business time between two
-- instants is the difference of their readings.
create or replace macro business_clock_s(ts, opens_at, closes_at, open_seconds_before) as (
    case
        when ts is null then null
        when opens_at is null then 0.0
        else open_seconds_before + epoch(least(ts, closes_at)) - epoch(opens_at)
    end
)
