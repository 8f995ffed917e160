-- Every fact row says where it was printed: the report, the table (or, for figures taken
-- from the running text, the catalogued statement and its sentence) and the page.
-- Returns one row per fact table with rows lacking any of them.
{% set table_facts = table_facts().keys() | list %}
{% set statement_facts = statement_facts().keys() | list %}

with counts as (
    {% for f in table_facts %}
    select '{{ f }}' as mart,
           count(*) filter (where report_id is null or source_table is null or source_page is null
                                    or source_row is null) as rows_without_provenance
    from {{ ref(f) }}
    union all
    {% endfor %}
    {% for f in statement_facts %}
    select '{{ f }}',
           count(*) filter (where report_id is null or statement_id is null or source_page is null or source_text is null)
    from {{ ref(f) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from counts where rows_without_provenance > 0
