"""twbio orchestration: Dagster assets, the refresh, and the `twbio` command."""
