{#- Rows where any of the given columns is null, each naming the columns that are. One test
    per model instead of one per column: dbt spends ~40 ms on every test node, whatever it
    checks, and not-null checks were three quarters of the project's tests. -#}
{% test not_null_columns(model, columns) %}
select
    *,
    list_filter([
        {%- for c in columns %}
        case when "{{ c }}" is null then '{{ c }}' end{% if not loop.last %},{% endif %}
        {%- endfor %}
    ], lambda x: x is not null) as null_columns
from {{ model }}
where {% for c in columns %}"{{ c }}" is null{% if not loop.last %} or {% endif %}{% endfor %}
{% endtest %}
