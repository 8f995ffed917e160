"""The reports' own arithmetic, checked rather than trusted.

Each row compares a printed total, subtotal or ratio with the value computed from the
parts printed beside it. Counts must agree exactly. Amounts and ratios printed rounded
may differ by rounding: beyond rounding it is a *warning* (the source's own inconsistency,
published and flagged, as 表 4-16's note admits); beyond 1 % it is *blocking* (a misread
number, a lost row).
"""

from ..runner import SuiteSpec, blocking, gx, warning

# helper relations the checks read
_CTES = {
    "ct": "select * from staging.stg_whitepaper__clinical_trial_approvals_by_area",
    "ct_parts": """select *, coalesce(new_ingredient,0)+coalesce(new_indication,0)+coalesce(new_combination,0)
        +coalesce(new_dosage_form,0)+coalesce(new_route,0)+coalesce(biologic,0)+coalesce(vaccine,0)
        +coalesce(cell_gene_therapy,0)+coalesce(botanical,0) as parts from ct""",
    "ct_cols": """unpivot (select * exclude (therapeutic_area_zh, parts, source_row) from ct_parts)
        on new_ingredient, new_indication, new_combination, new_dosage_form, new_route, biologic, vaccine,
           cell_gene_therapy, botanical, total_printed into name category value n""",
    "nhi": "select * from staging.stg_whitepaper__nhi_listing_status",
    "nhi_cols": "unpivot nhi on y2019, y2020, y2021, y2022, y2023, y2024, total into name year_column value v",
    "share_cols": """unpivot staging.stg_whitepaper__nhi_claims_share_by_vendor
        on y2019, y2020, y2021, y2022, y2023, y2024 into name year_column value v""",
    "grad": "select * from staging.stg_whitepaper__graduates",
    "grad_cols": "unpivot grad on doctoral, masters, bachelor, associate, total into name degree value v",
    "seg": """select *, regexp_replace(segment_zh, '^[-－—\\s]+', '') as seg
        from staging.stg_whitepaper__listed_biotech_by_segment""",
    "seg_cols": """unpivot (select * exclude (segment_zh, rd_to_revenue_pct) from seg)
        on companies, revenue, market_cap, rd_expense, net_income into name metric value v""",
    "fin": "select * from intermediate.int_listed_biotech_financials_unpivoted",
    "tb": "select * from staging.stg_takeoff_plan__budget",
    "inv": "select * from intermediate.int_industry_investment_reconciled",
    "sf": "select * from staging.stg_twbio__statement_figures",
    "tb_cols": """unpivot (select * exclude (domain_zh, source_row) from tb)
        on fy2013, fy2014, fy2015, total_3yr into name year_column value v""",
}

# each check: (check, report_id, source_table, source_page, row_label, printed, computed, tolerance)
# 表 4-15's averages and ratio are only compared as a warning: the source computes them on
# bases it does not print (2020 研發費用/家數 prints 1.62 against 230.94/124 = 1.86)
_ADVISORY = ("4-15 ",)
_CHECKS = [
    # 表 4-2: each area's 合計 = the sum of its categories; the 合計 row = the sum of the areas
    """select '4-2 合計 column', report_id, source_table, source_page, therapeutic_area_zh,
              total_printed::double, parts::double, 0.0 from ct_parts""",
    """select '4-2 合計 row', report_id, source_table, max(source_page), category,
              max(n) filter (where is_total_row)::double, sum(n) filter (where not is_total_row)::double, 0.0
       from ct_cols group by report_id, source_table, category""",
    # 表 4-7: 小計 row = the statuses of each year; 總計 column = the years of each status
    """select '4-7 小計 row', report_id, source_table, max(source_page), year_column,
              max(v) filter (where status_zh = '小計'), sum(v) filter (where status_zh <> '小計'), 0.0
       from nhi_cols group by report_id, source_table, year_column""",
    """select '4-7 總計 column', report_id, source_table, source_page, status_zh,
              total, y2019 + y2020 + y2021 + y2022 + y2023 + y2024, 0.0 from nhi""",
    # 表 4-8: 總計 = the years (萬元, printed to 2 decimals)
    """select '4-8 總計 column', report_id, source_table, source_page, label_zh,
              total, y2019 + y2020 + y2021 + y2022 + y2023 + y2024, 0.005 * 6
       from staging.stg_whitepaper__domestic_new_drug_claims""",
    # 表 4-9: each year's shares add up to 100 % (printed to 1 decimal)
    """select '4-9 shares sum to 100', report_id, source_table, max(source_page), year_column,
              100.0, sum(v) filter (where vendor_type_zh not in ('小計', '合計')), 0.05 * 3
       from share_cols group by report_id, source_table, year_column""",
    # 表 4-17: 4 學門小計 = the four fields; 總計 column = the degrees; share row = 小計 / 總計
    """select '4-17 4 學門小計 row', report_id, source_table, max(source_page), degree,
              max(v) filter (where field_zh like '%小計%'),
              sum(v) filter (where field_zh in ('生命科學', '農業', '獸醫', '醫藥衛生')), 0.0
       from grad_cols group by report_id, source_table, degree""",
    """select '4-17 總計 column', report_id, source_table, source_page, field_zh,
              total, doctoral + masters + bachelor + associate, 0.0 from grad where field_zh not like '%/%'""",
    """select '4-17 share row', report_id, source_table, max(source_page), degree,
              max(v) filter (where field_zh like '%/%'),
              100.0 * max(v) filter (where field_zh like '%小計%')
                    / max(v) filter (where field_zh like '%年畢業生總計%'), 0.005
       from grad_cols group by report_id, source_table, degree""",
    # 表 4-16: 製藥 = 一般製藥 + 新藥開發; 研發/營業額 = 研發費用 / 營業額
    """select '4-16 製藥 = sub-segments', report_id, source_table, max(source_page), metric,
              max(v) filter (where seg = '製藥'), sum(v) filter (where seg in ('一般製藥', '新藥開發')),
              case when metric = 'companies' then 0.0 else 0.01 end
       from seg_cols group by report_id, source_table, metric""",
    """select '4-16 研發/營業額 ratio', report_id, source_table, source_page, seg,
              rd_to_revenue_pct, 100.0 * rd_expense / nullif(revenue, 0), 0.005 from seg""",
    # 表 4-16's segments add up to 表 4-15's 2024 totals (its note warns of rounding)
    """select '4-16 segments = 4-15 totals', s.report_id, s.source_table, max(s.source_page), s.metric,
              max(f.value_printed), sum(s.v) filter (where s.seg not in ('一般製藥', '新藥開發')),
              case when s.metric = 'companies' then 0.0 else 0.005 * 4 end
       from seg_cols s join fin f on f.report_id = s.report_id and f.year = 2024
            and f.metric = case s.metric when 'companies' then 'listed_companies' else s.metric end
       group by s.report_id, s.source_table, s.metric""",
    # 表 4-15: per-company averages and the R&D ratio equal the ratios they claim
    """select '4-15 ' || r.metric, r.report_id, any_value(r.source_table), any_value(r.source_page),
              r.metric || ' ' || r.year, r.value_printed,
              case r.metric
                  when 'revenue_per_company' then max(f.value_printed) filter (where f.metric = 'revenue')
                      / max(f.value_printed) filter (where f.metric = 'listed_companies')
                  when 'rd_expense_per_company' then max(f.value_printed) filter (where f.metric = 'rd_expense')
                      / max(f.value_printed) filter (where f.metric = 'listed_companies')
                  when 'rd_to_revenue_pct' then 100.0 * max(f.value_printed) filter (where f.metric = 'rd_expense')
                      / max(f.value_printed) filter (where f.metric = 'revenue')
              end, 0.005
       from fin r join fin f on f.report_id = r.report_id and f.year = r.year
       where r.metric in ('revenue_per_company', 'rd_expense_per_company', 'rd_to_revenue_pct')
       group by r.report_id, r.metric, r.year, r.value_printed""",
    # running text: the investment segments add up to the total (億元, 2 decimals); the trial
    # application types add up to the total; the shares and changes the text claims hold
    """select 'prose investment segments = total', report_id, max(statement_id) filter (where segment_code = 'biotech_industry'),
              max(source_page), year::varchar,
              max(amount_printed) filter (where segment_code = 'biotech_industry'),
              sum(amount_printed) filter (where segment_code <> 'biotech_industry'), 0.005 * 5
       from inv group by report_id, year
       having count(*) filter (where segment_code = 'biotech_industry') = 1
          and count(*) filter (where segment_code <> 'biotech_industry') > 1""",
    """select 'prose trial application types = total', report_id, any_value(statement_id), max(source_page),
              product_type || ' ' || year,
              max(value) filter (where breakdown = 'total'), sum(value) filter (where breakdown = 'application_type'), 0.0
       from sf where fact = 'clinical_trial_applications' and metric = 'applications_received'
       group by report_id, year, product_type
       having count(*) filter (where breakdown = 'application_type') > 0""",
    """select 'prose share of applications', s.report_id, s.statement_id, s.source_page, s.category || ' ' || s.year,
              s.value, 100.0 * c.value / t.value, 0.5
       from sf s
       join sf c on c.report_id = s.report_id and c.year = s.year and c.product_type = s.product_type
            and c.category = s.category and c.metric = 'applications_received'
       join sf t on t.report_id = s.report_id and t.year = s.year and t.product_type = s.product_type
            and t.breakdown = 'total' and t.metric = 'applications_received'
       where s.metric = 'share_of_applications_received'""",
    """select 'prose investment change vs previous year', d.report_id, d.statement_id, d.source_page,
              d.segment_code || ' ' || d.year, d.value, 100.0 * (p.value - c.value) / p.value, 0.005
       from sf d
       join sf c on c.statement_id = d.statement_id and c.report_id = d.report_id and c.year = d.year
            and c.metric = 'investment' and c.segment_code = d.segment_code
       join sf p on p.statement_id = d.statement_id and p.report_id = d.report_id and p.year = d.year - 1
            and p.metric = 'investment' and p.segment_code = d.segment_code
       where d.metric = 'investment_decline_vs_previous_year'""",
    # 2013 plan 表 4-1: 合計 row = the domains; 三年合計 column = the three years (億元, 2 decimals)
    """select '2013 表 4-1 合計 row', report_id, source_table, max(source_page), year_column,
              max(v) filter (where is_total_row), sum(v) filter (where not is_total_row), 0.005 * 4
       from tb_cols group by report_id, source_table, year_column""",
    """select '2013 表 4-1 三年合計 column', report_id, source_table, source_page, domain_zh,
              total_3yr, fy2013 + fy2014 + fy2015, 0.005 * 3 from tb""",
]


def _query() -> str:
    ctes = ",\n".join(f"{name} as ({sql})" for name, sql in _CTES.items())
    cols = '"check", report_id, source_table, source_page, row_label, printed, computed, tolerance'
    checks = "\nunion all\n".join(f"select * from ({sql}) as c({cols})" for sql in _CHECKS)
    advisory = "(" + " or ".join(f"starts_with(\"check\", '{p}')" for p in _ADVISORY) + ")"
    return f"""with {ctes},
checks as (
{checks}
)
select *,
    abs(printed - computed) as abs_diff,
    coalesce(abs(printed - computed) <= tolerance + 1e-9, false) as within_rounding,
    coalesce(abs(printed - computed) <= tolerance + 1e-9
        or (tolerance > 0 and abs(printed - computed) <= 0.01 * greatest(abs(printed), abs(computed))), false)
        or {advisory} as within_one_pct
from checks"""


SUITE = SuiteSpec(
    name="printed_arithmetic",
    description="Printed totals, subtotals, shares and ratios agree with their parts.",
    query=_query(),
    row_id=["check", "report_id", "source_table", "source_page", "row_label", "printed", "computed"],
    expectations=lambda: [
        blocking(gx.expectations.ExpectColumnValuesToBeInSet(column="within_one_pct", value_set=[True])),
        warning(gx.expectations.ExpectColumnValuesToBeInSet(column="within_rounding", value_set=[True])),
    ],
)
