{#- Several editions of a report print the same figure (the 2025 white paper's 2021
    values are in the 2024 edition too). A fact keeps one row per grain: the one from the
    newest edition (then the highest report id, so the choice is deterministic). -#}
{% macro latest_edition_only(grain) -%}
qualify row_number() over (
    partition by {{ grain | join(', ') }}
    order by (select d.edition_year from {{ ref('stg_twbio__documents') }} d where d.report_id = f.report_id) desc nulls last,
             f.report_id desc
) = 1
{%- endmacro %}
