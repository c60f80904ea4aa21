"""CORE lettings case logs: the staff journey, the logs list and the /case_logs API."""
