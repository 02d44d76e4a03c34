"""vnie: Vietnamese police and provincial news to analysis-ready Parquet tables."""

__version__ = "0.1.0"
