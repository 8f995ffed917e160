{#- Licence numbers are printed several ways: 衛部醫器製第 007625 號 / 衛部醫器製第007625號,
    衛部藥製字第058540號 / 衛部藥製第061852號. The canonical form is the official
    "<issuer>字第<serial>號" with no spaces. -#}
{% macro licence_issuer(expr) -%}
    nullif(regexp_extract(regexp_replace({{ expr }}, '\s+', '', 'g'), '^(.+?)字?第', 1), '')
{%- endmacro %}

{% macro licence_serial(expr) -%}
    nullif(regexp_extract(regexp_replace({{ expr }}, '\s+', '', 'g'), '第([A-Za-z0-9]+)號', 1), '')
{%- endmacro %}

{% macro licence_no(expr) -%}
    case
        when {{ licence_issuer(expr) }} is not null and {{ licence_serial(expr) }} is not null
            then {{ licence_issuer(expr) }} || '字第' || {{ licence_serial(expr) }} || '號'
    end
{%- endmacro %}

{#- Company names: no spaces inside Chinese names; a factory or branch printed after the
    legal name ("…股份有限公司新店分公司", "…有限公司 觀音廠") goes to its own column. -#}
{% macro company_name(expr) -%}
    coalesce(
        nullif(regexp_extract({{ squash_cjk_spaces(expr) }}, '^(.*?(?:股份有限公司|有限公司|公司))(.+(?:廠|分公司))$', 1), ''),
        {{ squash_cjk_spaces(expr) }}
    )
{%- endmacro %}

{% macro company_site(expr) -%}
    nullif(regexp_extract({{ squash_cjk_spaces(expr) }}, '^(.*?(?:股份有限公司|有限公司|公司))(.+(?:廠|分公司))$', 2), '')
{%- endmacro %}

{#- A stable id for a normalised company name. -#}
{% macro company_id(expr) -%}
    substr(md5({{ expr }}), 1, 12)
{%- endmacro %}

{#- The licence columns every approval table stages the same way. -#}
{% macro licence_columns(expr) -%}
    {{ licence_no(expr) }} as licence_no,
    {{ licence_issuer(expr) }} as licence_issuer,
    {{ licence_serial(expr) }} as licence_serial,
    trim({{ expr }}) as licence_no_printed
{%- endmacro %}

{% macro company_columns(expr) -%}
    {{ company_name(expr) }} as company_name,
    {{ company_site(expr) }} as company_site
{%- endmacro %}
