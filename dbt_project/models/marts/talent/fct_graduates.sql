-- grain: year × field of study × degree (表 4-17). The 4 學門小計 and 總計 rows, the
-- share row and the 總計 column are checks, not facts; the all-fields total of the year
-- is kept apart as is_all_fields_total so shares can be computed.
select * from {{ ref('int_graduates__editions') }} as f
{{ latest_edition_only(['year', 'field', 'degree']) }}
