"""The marts' dictionary and keys, recorded in the warehouse they describe.

Every mart's description, Chinese name and subject (its folder under models/marts), every
mart column's English description, Chinese label and unit (the dbt docs and the
columns' `meta`), and each mart's grain and references to its dimensions (its `unique`,
`unique_combination` and `relationships` tests) go into `audit.mart_columns` and
`audit.mart_keys` (and the marts themselves into `audit.marts`), so that exports, PostgreSQL and the site read them from the published
file alone.
"""

import duckdb

DICTIONARY_DDL = """
create schema if not exists audit;
create or replace table audit.marts (
    mart varchar not null,
    subject varchar not null,           -- core | investment | clinical_trials | approvals | talent | plans
    description varchar,
    label_zh varchar
);
create or replace table audit.mart_columns (
    mart varchar not null,
    position integer not null,
    column_name varchar not null,
    data_type varchar,
    description varchar,
    label_zh varchar,
    unit varchar
);
create or replace table audit.mart_keys (
    mart varchar not null,
    kind varchar not null,              -- primary_key | foreign_key
    columns varchar[] not null,
    references_mart varchar,
    references_columns varchar[]
);
"""


def mart_nodes(manifest: dict) -> dict[str, dict]:
    return {uid: n for uid, n in manifest["nodes"].items()
            if n["resource_type"] == "model" and n.get("schema") == "marts"}


def mart_keys(manifest: dict) -> list[tuple]:
    """(mart, kind, columns, referenced mart, referenced columns) from the marts' tests."""
    marts = mart_nodes(manifest)
    name = {uid: n.get("alias") or n["name"] for uid, n in marts.items()}
    keys = []
    for n in manifest["nodes"].values():
        meta, model = n.get("test_metadata") or {}, n.get("attached_node")
        if n["resource_type"] != "test" or model not in marts:
            continue
        kwargs = meta.get("kwargs") or {}
        if meta.get("name") == "unique" and kwargs.get("column_name"):
            keys.append((name[model], "primary_key", [kwargs["column_name"]], None, None))
        elif meta.get("name") == "unique_combination" and kwargs.get("columns"):
            keys.append((name[model], "primary_key", list(kwargs["columns"]), None, None))
        elif meta.get("name") == "relationships":
            targets = [p for p in n["depends_on"]["nodes"] if p != model and p in marts]
            if targets and kwargs.get("column_name") and kwargs.get("field"):
                keys.append((name[model], "foreign_key", [kwargs["column_name"]], name[targets[0]], [kwargs["field"]]))
    # one primary key per mart: the unique key of fewest columns (the one dimensions are referenced by)
    grains = {}
    for k in sorted(k for k in keys if k[1] == "primary_key"):
        if k[0] not in grains or len(k[2]) < len(grains[k[0]][2]):
            grains[k[0]] = k
    return sorted(grains.values()) + sorted(k for k in keys if k[1] == "foreign_key")


def record_mart_dictionary(db, manifest: dict) -> None:
    columns, marts = [], []
    for n in mart_nodes(manifest).values():
        fqn = n.get("fqn") or []
        marts.append([n.get("alias") or n["name"], fqn[-2] if len(fqn) >= 3 else "core",
                      " ".join((n.get("description") or "").split()) or None,
                      (n.get("config", {}).get("meta") or n.get("meta") or {}).get("label_zh")])
        for i, c in enumerate(n.get("columns", {}).values()):
            meta = c.get("meta") or {}
            columns.append([n.get("alias") or n["name"], i + 1, c["name"], c.get("data_type"),
                            (c.get("description") or "").strip() or None, meta.get("label_zh"), meta.get("unit")])
    with duckdb.connect(str(db)) as con:
        con.execute(DICTIONARY_DDL)
        if marts:
            con.executemany("insert into audit.marts values (?, ?, ?, ?)", marts)
        if columns:
            con.executemany("insert into audit.mart_columns values (?, ?, ?, ?, ?, ?, ?)", columns)
        keys = mart_keys(manifest)
        if keys:
            con.executemany("insert into audit.mart_keys values (?, ?, ?, ?, ?)", [list(k) for k in keys])
