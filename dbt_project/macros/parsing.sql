{#- Printed numbers carry thousands separators, full-width digits, spaces and
    minus signs of several kinds; an unparseable value becomes null (and fails the
    not_null / GX checks downstream) rather than a wrong number. -#}
{% macro parse_number(expr) -%}
    try_cast(
        nullif(
            regexp_replace(
                replace(replace(replace(strip_accents(trim({{ expr }})), '，', ''), '－', '-'), '−', '-'),
                '[,\s]', '', 'g'
            ),
            ''
        ) as double
    )
{%- endmacro %}

{#- A year printed as AD (2024, 2024 年) or ROC (113, 民國 113 年, 113年度): AD integer. -#}
{% macro to_ad_year(expr) -%}
    (
        case
            when try_cast(regexp_extract({{ expr }}, '(\d{2,4})', 1) as integer) < 1911
                then try_cast(regexp_extract({{ expr }}, '(\d{2,4})', 1) as integer) + 1911
            else try_cast(regexp_extract({{ expr }}, '(\d{2,4})', 1) as integer)
        end
    )
{%- endmacro %}
