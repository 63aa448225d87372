"""The whole country's lists as data: a versioned Parquet export and SQL questions over many exports (DuckDB)."""
