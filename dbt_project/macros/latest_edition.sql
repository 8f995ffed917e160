{#- Several editions of a report family print the same figure (the 2025 white paper's 2021
    values are in the 2024 edition too). A fact keeps one row per grain: the one printed by
    the newest edition, by the edition year the document prints, then its publication date;
    a document whose edition is unknown never wins over a dated one. Never by file name or
    load order: two documents of one family and edition that print different values are
    held back by the conflicting_copies check, and the report id only orders copies that
    print the same. `fct_figure_vintages` keeps every edition's value. -#}
{% macro latest_edition_only(grain) -%}
qualify row_number() over (
    partition by {{ grain | join(', ') }}
    order by {{ edition_order('f.report_id') }}
) = 1
{%- endmacro %}

{#- Newest edition first: edition year, then publication date, unknown editions last. -#}
{% macro edition_order(report_id) -%}
    (select d.edition_year from {{ ref('stg_twbio__documents') }} d where d.report_id = {{ report_id }}) desc nulls last,
    (select d.edition_published_on from {{ ref('stg_twbio__documents') }} d where d.report_id = {{ report_id }}) desc nulls last,
    {{ report_id }}
{%- endmacro %}
