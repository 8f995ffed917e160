{#- Column comments carry the whole dictionary entry, so that a BI tool that shows comments
    (DBeaver, Metabase, PostgreSQL's \d+) shows the Chinese label and the unit too:
    "<English description> [<label_zh>; unit: <unit>]". Overrides dbt-duckdb's macro of the
    same name; the rest of it is dbt-duckdb's. -#}
{% macro duckdb__alter_column_comment(relation, column_dict) %}
  {% set existing_columns = adapter.get_columns_in_relation(relation) | map(attribute="name") | list %}
  {% for column_name in column_dict if (column_name in existing_columns) %}
    {% set column = column_dict[column_name] %}
    {% set meta = column.get('meta') or {} %}
    {% set extra = [] %}
    {% if meta.get('label_zh') %}{% do extra.append(meta['label_zh']) %}{% endif %}
    {% if meta.get('unit') %}{% do extra.append('unit: ' ~ meta['unit']) %}{% endif %}
    {% set comment = column['description'] ~ ((' [' ~ extra | join('; ') ~ ']') if extra else '') %}
    comment on column {{ relation }}.{{ adapter.quote(column_name) if column['quote'] else column_name }} is {{ duckdb_escape_comment(comment) }};
  {% endfor %}
{% endmacro %}
