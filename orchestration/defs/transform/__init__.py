"""Transform: the dbt models (staging, intermediate, marts) and their tests.

`assets` holds the dbt assets (it loads dagster-dbt); `project` the project's paths and its
manifest, which the CLI's up-to-date check reads without loading Dagster."""
