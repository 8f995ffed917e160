"""dbt models carried over from the published warehouse instead of rebuilt.

Every refresh builds a new warehouse file. A model upstream of which no raw relation
changed, in a dbt project identical to the one that built the published warehouse (same
models, macros, seeds and tests, same dbt, adapter and DuckDB versions, same raw-layer
code: see fingerprint.dbt_fingerprint), would be rebuilt into the same rows. It is copied
from the published file instead, with its definition, constraints and comments, and dbt
builds only the models downstream of a changed raw relation, with their tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from .duck import attached, last_recorded, sql_literal, transaction

DBT_BUILD_DDL = """
create schema if not exists audit;
create table if not exists audit.dbt_build (
    code_fingerprint varchar not null,  -- dbt project, dbt/adapter/DuckDB versions, raw-layer code
    built_at timestamp not null,
    models_built integer not null,      -- models and seeds dbt built in this build
    models_carried integer not null,    -- copied unchanged from the published warehouse
    carried json not null               -- unique ids of the carried models and seeds
);
"""

def relation_nodes(manifest: dict) -> dict[str, dict]:
    """The nodes dbt builds into relations: models, seeds and snapshots (not ephemeral)."""
    return {uid: n for uid, n in manifest["nodes"].items()
            if n["resource_type"] in ("model", "seed", "snapshot") and n["config"].get("materialized") != "ephemeral"}


@dataclass
class CarryPlan:
    """What one build takes from the published warehouse and what dbt builds."""

    carried: list[str] = field(default_factory=list)  # unique ids, parents before children
    skipped_tests: list[str] = field(default_factory=list)  # every parent unchanged: ran when they were built
    reason: str = ""  # why nothing is carried, when nothing is

    def dbt_args(self, manifest: dict) -> list[str]:
        """`dbt build` arguments that leave out the carried nodes and the skipped tests,
        each named by its full fqn (which names exactly one node)."""
        nodes = manifest["nodes"]
        names = ["fqn:" + ".".join(nodes[uid]["fqn"]) for uid in self.carried + self.skipped_tests]
        return ["--exclude", " ".join(names)] if names else []


def plan_carry(manifest: dict, unchanged_relations: set[str]) -> CarryPlan:
    """Every model and seed downstream of no changed source is carried; a source is changed
    unless its relation (`schema.name`) is known to be unchanged. A test is skipped when
    all its parents are carried or unchanged sources."""
    nodes, sources = manifest["nodes"], manifest["sources"]
    changed = {uid for uid, s in sources.items() if f"{s['schema']}.{s['identifier']}" not in unchanged_relations}
    dirty, todo = set(changed), list(changed)
    while todo:
        for child in manifest["child_map"].get(todo.pop(), []):
            if child not in dirty:
                dirty.add(child)
                todo.append(child)
    carried = [uid for uid in _parents_first(relation_nodes(manifest)) if uid not in dirty]
    unchanged = set(carried) | (set(sources) - changed)
    skipped = sorted(uid for uid, n in nodes.items()
                     if n["resource_type"] == "test" and n["depends_on"].get("nodes")
                     and set(n["depends_on"].get("nodes")) <= unchanged)
    return CarryPlan(carried, skipped)


def _parents_first(relations: dict[str, dict]) -> list[str]:
    order, placed = [], set()

    def place(uid):
        if uid in placed:
            return
        placed.add(uid)
        for parent in relations[uid]["depends_on"].get("nodes", []):
            if parent in relations:
                place(parent)
        order.append(uid)

    for uid in sorted(relations):
        place(uid)
    return order


def relation_name(node: dict) -> tuple[str, str]:
    return node["schema"], node.get("alias") or node["name"]


def copy_carried(con: duckdb.DuckDBPyConnection, published: Path, fingerprint: str, plan: CarryPlan,
                 manifest: dict) -> CarryPlan:
    """Copy the planned relations from the published warehouse into the build `con`, in one
    transaction. Returns the plan as carried out: nothing is carried (reason says why)
    when the published warehouse was built by other dbt code or lacks a relation."""
    if not plan.carried:
        return CarryPlan(reason="every model is downstream of a changed raw relation")
    if not published.exists():
        return CarryPlan(reason="no published warehouse")
    with attached(con, published):
        last = last_recorded(con, "published", "dbt_build", "code_fingerprint", "built_at")
        if last is None or last[0] != fingerprint:
            return CarryPlan(reason="the published models were built by other dbt code")
        definitions = _definitions(con)
        missing = [uid for uid in plan.carried if relation_name(manifest["nodes"][uid]) not in definitions]
        if missing:
            return CarryPlan(reason=f"the published warehouse lacks {missing[0]}")
        with transaction(con):
            for uid in plan.carried:
                _copy(con, relation_name(manifest["nodes"][uid]), definitions)
        return plan


def _definitions(con) -> dict[tuple[str, str], tuple[str, str, str | None]]:
    """(schema, name) -> (kind, CREATE statement, comment) of every relation in `published`."""
    out = {}
    for schema, name, sql, comment in con.execute(
            "select schema_name, table_name, sql, comment from duckdb_tables() where database_name = 'published'"
    ).fetchall():
        out[(schema, name)] = ("table", sql, comment)
    for schema, name, sql, comment in con.execute(
            "select schema_name, view_name, sql, comment from duckdb_views() "
            "where database_name = 'published' and not internal").fetchall():
        out[(schema, name)] = ("view", sql, comment)
    return out


def _copy(con, relation: tuple[str, str], definitions) -> None:
    schema, name = relation
    kind, create, comment = definitions[relation]
    con.execute(f'create schema if not exists "{schema}"')
    # the CREATE statement keeps the contract's constraints; a view's SQL names relations
    # without the database or with the published file's name, which the build shares
    con.execute(create)
    target = f'"{schema}"."{name}"'
    if kind == "table":
        con.execute(f"insert into {target} select * from published.{target}")
    if comment:
        con.execute(f"comment on {kind} {target} is {sql_literal(comment)}")
    for column, column_comment in con.execute(
            "select column_name, comment from duckdb_columns() where database_name = 'published' "
            "and schema_name = ? and table_name = ? and comment is not null", [schema, name]).fetchall():
        con.execute(f'comment on column {target}."{column}" is {sql_literal(column_comment)}')


def record_dbt_build(con: duckdb.DuckDBPyConnection, fingerprint: str, built: int, plan: CarryPlan) -> None:
    con.execute(DBT_BUILD_DDL)
    con.execute("insert into audit.dbt_build values (?, ?, ?, ?, ?)",
                [fingerprint, datetime.now(timezone.utc).replace(tzinfo=None), built, len(plan.carried),
                 json.dumps(plan.carried)])
