{#- Every printed value of a typed catalogued column (number, integer, percent, year,
    date), with whether it parses as staging parses it: a value that does not parse is a
    blocking finding at its report, table, page and row (the typed_values_parse suite),
    never a build error. Built from the sources' column meta, which the table catalog
    writes (orchestration/catalog/dbt_sources.py). -#}
{%- set typed = ['integer', 'number', 'percent', 'year', 'date'] -%}
{%- set parts = [] -%}
{%- if execute -%}
    {%- for node in graph.sources.values() | sort(attribute='unique_id') -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.config.meta if column.config is defined and column.config.meta else column.meta -%}
            {%- if meta and meta.get('type') in typed -%}
                {%- do parts.append((node, column.name, meta.get('type'))) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endif %}

{% if parts -%}
{%- for node, name, type in parts %}
select
    report_id,
    table_id as source_table,
    source_page,
    row_number as source_row,
    '{{ node.name }}' as dataset,
    '{{ name }}' as column_name,
    '{{ type }}' as value_type,
    "{{ name }}" as value_printed,
    {{ parse_typed('"' ~ name ~ '"', type) }} is not null as parses
from {{ source(node.source_name, node.name) }}
where nullif(trim("{{ name }}"), '') is not null
{% if not loop.last %}union all{% endif %}
{%- endfor %}
{%- else %}
select null::varchar as report_id, null::varchar as source_table, null::integer as source_page,
       null::integer as source_row, null::varchar as dataset, null::varchar as column_name,
       null::varchar as value_type, null::varchar as value_printed, null::boolean as parses
where false
{%- endif %}
