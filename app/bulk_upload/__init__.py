"""Bulk upload of lettings logs: a CSV or Excel file of rows, each checked by the engine exactly
as a POST /case_logs payload is, then created as logs. The columns, the template, the
specification and the messages all come from the lettings log definition."""
