-- e164(phone, dialing_code): a phone number as written in a source, in E.164 form (+<country><number>).
-- Numbers written with + or 00 keep their country code; national numbers take the dialing code of the
-- record's location and lose their trunk prefix 0 (020 7946 0123 -> +442079460123). Without a dialing code
-- a national number stays as its digits.
create or replace macro e164(phone, dialing_code) as (
    case
        when phone is null or regexp_replace(phone, '[^0-9]', '', 'g') = '' then null
        when trim(phone) like '+%' then '+' || regexp_replace(phone, '[^0-9]', '', 'g')
        when regexp_replace(phone, '[^0-9]', '', 'g') like '00%' then '+' || substr(regexp_replace(phone, '[^0-9]', '', 'g'), 3)
        when dialing_code = '1' and length(regexp_replace(phone, '[^0-9]', '', 'g')) = 11
            and regexp_replace(phone, '[^0-9]', '', 'g') like '1%' then '+' || regexp_replace(phone, '[^0-9]', '', 'g')
        when dialing_code is not null then '+' || dialing_code || ltrim(regexp_replace(phone, '[^0-9]', '', 'g'), '0')
        else regexp_replace(phone, '[^0-9]', '', 'g')
    end
)
