-- incubators whose fields include biotech (表 4-19); item 16 is printed shifted (its name
-- in the 區域 column): the name is recovered, the region is unknown and flagged
select * from {{ ref('int_incubator__editions') }} as f
{{ latest_edition_only(['incubator_id']) }}
