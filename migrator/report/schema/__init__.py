"""The JSON schema of the report (data only)."""
