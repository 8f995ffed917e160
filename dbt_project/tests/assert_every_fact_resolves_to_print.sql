-- Every fact row of every mart resolves in fact_sources to at least one printed box that
-- holds its value: a fact whose cells cannot be found (a source_column the raw layer does
-- not know, a row past the table's end) fails here, not in a user's browser. A warning:
-- the numbers are right, only the way back to the page is lost, so they are published.
{{ config(meta={'twbio_severity': 'warning'}) }}
{% for mart, year in table_facts().items() %}
select '{{ mart }}' as mart, f.report_id, f.source_table, f.source_row, f.source_column
from {{ ref(mart) }} f
where not exists (
    select 1 from {{ ref('fact_sources') }} s
    where s.mart = '{{ mart }}' and s.is_value and s.report_id = f.report_id and s.source_table = f.source_table
        and s.source_row = f.source_row and s.source_column is not distinct from f.source_column
)
union all
{% endfor %}
{%- for mart, spec in statement_facts().items() %}
select '{{ mart }}', f.report_id, f.statement_id, null, null
from {{ ref(mart) }} f
where not exists (
    select 1 from {{ ref('fact_sources') }} s
    where s.mart = '{{ mart }}' and s.is_value and s.report_id = f.report_id and s.statement_id = f.statement_id
)
{% if not loop.last %}union all{% endif %}
{%- endfor %}
