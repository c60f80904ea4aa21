"""Probation case data: cases imported from a file, read by partner systems through the API in
`probation-case-data-api.md`, with limited-access (exclusion and restriction) checks."""
