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

{#- A printed date (2024/01/16, 2024-1-16, 113/01/16 in ROC years) as a DATE; null when it is
    not a date (2024/07/0, 2024/13/01): never an error that stops the build. -#}
{% macro parse_date(expr) -%}
    (
        case
            when regexp_matches(trim({{ expr }}), '^\d{2,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,2}$') then
                try_cast(
                    lpad(cast({{ to_ad_year("regexp_extract(trim(" ~ expr ~ "), '^(\\d{2,4})', 1)") }} as varchar), 4, '0')
                    || '-' || lpad(regexp_extract(trim({{ expr }}), '^\d{2,4}\s*[/.-]\s*(\d{1,2})', 1), 2, '0')
                    || '-' || lpad(regexp_extract(trim({{ expr }}), '(\d{1,2})$', 1), 2, '0')
                    as date)
        end
    )
{%- endmacro %}

{#- Remove the spaces a wrapped cell leaves inside Chinese text ("衛達化學 製藥股份 有限公司"),
    keep spaces between Latin words. -#}
{% macro squash_cjk_spaces(expr) -%}
    {%- set cjk = '\\x{2E80}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{FF00}-\\x{FFEF}' -%}
    trim(regexp_replace(regexp_replace(regexp_replace(trim({{ expr }}), '\s+', ' ', 'g'),
        '([{{ cjk }}]) ', '\1', 'g'), ' ([{{ cjk }}])', '\1', 'g'))
{%- endmacro %}

{#- Free text in one canonical spacing, whatever printed it: whitespace runs collapsed, and
    no space beside a Chinese character. Where a producer broke a cell's line, and whether
    it set a space between Chinese and Latin text ("減少 5.23%", "減少5.23%"), is
    typography, not content: without this, one product or target reads as two values
    when two editions are printed differently. raw keeps the text as printed. -#}
{% macro clean_text(expr) -%}
    nullif({{ squash_cjk_spaces(expr) }}, '')
{%- endmacro %}

{#- A printed amount in a unit of `multiplier` TWD (億元 1e8, 萬元 1e4, 千元 1e3) as whole TWD: every
    amount these reports print is a whole number of dollars, and an integer is a number to
    pandas, R and Excel alike (a decimal type is not, to pandas). The decimal product keeps it exact. -#}
{% macro to_twd(expr, multiplier) -%}
    try_cast(round(try_cast({{ expr }} as decimal(18, 4)) * {{ multiplier }}) as bigint)
{%- endmacro %}

{#- A printed value of a catalogued type (the `type` in its source column's meta), parsed the
    way staging parses it; null when it does not parse. -#}
{% macro parse_typed(expr, type) -%}
    {%- if type == 'date' -%}
        {{ parse_date(expr) }}
    {%- elif type == 'year' -%}
        {{ to_ad_year(expr) }}
    {%- else -%}
        {{ parse_number("regexp_replace(" ~ expr ~ ", '[%年度]', '', 'g')") }}
    {%- endif -%}
{%- endmacro %}
