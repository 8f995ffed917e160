"""The marts, built from the sample reports: known values, conformance rules, coverage."""

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.catalog import Catalog
from orchestration.paths import DBT_PROJECT_DIR
from orchestration.cli.refresh import run_refresh

SAMPLES = ["whitepaper-2025-ch4.pdf", "takeoff-action-plan-2013.pdf", "intl-alliance-plan-2017.pdf",
           "intl-alliance-call-2025.pdf", "spark-taiwan.pdf"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, extracted_samples):
    import shutil

    from conftest import SAMPLE_INBOX
    from orchestration.paths import WarehousePaths

    cache, _ = extracted_samples
    paths = WarehousePaths(tmp_path_factory.mktemp("marts") / "warehouse")
    paths.ensure()
    for name in SAMPLES:
        shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)
    for cached in cache.extracted.glob("*.json"):
        shutil.copy2(cached, paths.extracted / cached.name)
    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    con = duckdb.connect(str(paths.published), read_only=True)
    yield con
    con.close()


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


def test_known_values(warehouse):
    con = warehouse
    assert one(con, "select value from marts.fct_listed_biotech_financials where year = 2024 and metric = 'listed_companies'") == 147
    assert one(con, "select graduates from marts.fct_graduates where year = 2024 and field = 'life_sciences' "
                    "and degree = 'doctoral'") == 212
    assert one(con, "select sum(amount_twd) from marts.fct_government_budget where plan_code = 'takeoff_plan_2013' "
                    "and domain = 'pharmaceuticals' and fiscal_year between 2013 and 2015") == 8_347_000_000
    assert one(con, "select amount_twd from marts.fct_nhi_claims where drug_group = 'first_launch_new_drugs' "
                    "and year = 2024") == 291_985_300  # 29,198.53 萬元
    assert one(con, "select revenue_twd from marts.fct_listed_biotech_by_segment where year = 2024 "
                    "and segment_code = 'new_drug_development'") == 19_705_000_000
    assert one(con, "select approvals from marts.fct_clinical_trial_approvals_by_area where year = 2024 "
                    "and therapeutic_area_code = 'oncology' and drug_category = 'cell_gene_therapy'") == 6
    assert one(con, "select sum(amount_twd) from marts.fct_government_budget where plan_code = 'alliance_plan_2017'") \
        == 2_400_000_000  # 總經費 2,400,000 千元, as the plan's text says


def test_no_printed_totals_in_facts(warehouse):
    con = warehouse
    assert one(con, "select count(*) from marts.fct_clinical_trial_approvals_by_area where therapeutic_area_zh like '%合計%'") == 0
    assert one(con, "select count(*) from marts.fct_graduates where field_zh like '%小計%'") == 0
    assert one(con, "select count(*) from marts.fct_nhi_listing_status where nhi_status_zh = '小計'") == 0
    assert one(con, "select count(*) from marts.fct_government_budget where domain_zh like '%合%計%'") == 0


def test_licences_and_companies_are_normalised(warehouse):
    con = warehouse
    # printed "衛部醫器製第007625號" (4-12) and "衛部醫器製第 007625 號" (4-13): one product, both flags
    row = con.execute("select licence_issuer, licence_serial, is_novel_device, is_class_iii_device, source_tables "
                      "from marts.fct_product_approvals where licence_no = '衛部醫器製字第007625號'").fetchone()
    assert row == ("衛部醫器製", "007625", True, True, "4-12,4-13")
    # "衛部藥製第061852號" (4-10) and "衛部藥製字第061852號"-style numbers of 4-6 meet
    assert one(con, "select count(*) from marts.fct_product_approvals where licence_no = '衛部藥製字第061852號'") == 1
    assert one(con, "select count(*) from marts.fct_product_approvals where licence_no like '% %'") == 0
    # wrapped company names lose their wrap spaces; factory suffix goes to its own column
    names = {r[0] for r in con.execute("select company_name_zh from marts.dim_company").fetchall()}
    assert "衛達化學製藥股份有限公司" in names
    assert one(con, "select company_site from marts.fct_product_approvals where licence_no = '衛部醫器製字第007978號'") == "新店分公司"
    orphans = one(con, "select count(*) from marts.fct_product_approvals p left join marts.dim_company c "
                       "using (company_id) where c.company_id is null and p.company_id is not null")
    assert orphans == 0


def test_free_text_has_one_canonical_spacing(warehouse):
    # where a producer broke a cell's line ("可控微 陰道栓劑") and whether it set a space
    # between Chinese and Latin text ("GMP 查核", "47 天") is typography: the same product,
    # target or sentence must read the same whichever edition printed it
    con = warehouse
    assert one(con, "select product_name_zh from marts.fct_product_approvals "
                    "where licence_no = '衛部藥製字第061572號'") == "“衛達”可控微陰道栓劑200毫克"
    assert one(con, "select count(*) from marts.fct_plan_targets where indicator_zh = '協助西藥製造廠符合國外PIC/S GMP查核'") == 3
    assert one(con, "select source_text from marts.fct_clinical_trial_applications where product_type = 'medical_device' "
                    "and metric = 'mean_review_days'").endswith("平均審查為47天。")
    # Latin words keep their spaces
    assert one(con, "select count(*) from marts.fct_product_approvals where indication_zh like '%Computer-Aided Detection, CADe%'") == 1


def test_every_fact_has_provenance(warehouse):
    con = warehouse
    facts = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                       "where table_schema = 'marts' and table_name like 'fct_%'").fetchall()]
    assert len(facts) == 18  # fct_figure_vintages included
    for f in facts:
        cols = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                          "where table_schema = 'marts' and table_name = ?", [f]).fetchall()}
        # a table fact names its printed table; a fact from the running text its statement and sentence
        origin = "source_table is null" if "source_table" in cols else "statement_id is null or source_text is null"
        n = one(con, f"select count(*) from marts.{f} where report_id is null or source_page is null or {origin}")
        assert n == 0, f
        assert one(con, f"select count(*) from marts.{f}") > 0, f


def test_every_truth_table_is_in_a_mart_or_excluded_with_a_reason(warehouse):
    # (the warehouse fixture has parsed the dbt project: the manifest holds the lineage)
    catalog = Catalog.load()
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))
    children = manifest["child_map"]
    for d in catalog.datasets:
        reaches_mart = any(
            _reaches_mart(children, n) for n in children if n.endswith(f".{d.dataset}") and n.startswith("source."))
        assert reaches_mart or d.excluded_from_marts, f"{d.dataset}: neither modelled nor excluded with a reason"
    truth = Path(__file__).parent / "fixtures" / "truth"
    n_truth = sum(len(json.loads(p.read_text(encoding="utf-8"))["tables"]) for p in truth.glob("*.json"))
    assert len(catalog.datasets) == n_truth == 33


def _reaches_mart(children, node, seen=None):
    seen = seen or set()
    for child in children.get(node, []):
        if child in seen:
            continue
        seen.add(child)
        if re.match(r"model\.twbio\.(fct_|dim_)", child) or _reaches_mart(children, child, seen):
            return True
    return False


def test_dbt_docs_generate(tmp_path, warehouse):
    import os

    env = {**os.environ, "TWBIO_BUILD_DB": str(tmp_path / "docs.duckdb")}
    dbt = Path(sys.executable).with_name("dbt")
    res = subprocess.run([str(dbt), "docs", "generate", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir",
                          str(DBT_PROJECT_DIR), "--target-path", str(tmp_path / "target"), "--empty-catalog"],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stdout[-2000:]
    assert (tmp_path / "target" / "index.html").exists()
