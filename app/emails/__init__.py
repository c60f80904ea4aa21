"""Emails: a row per email, written in the transaction that caused it, then sent through
GOV.UK Notify by a Celery task (see app/jobs/)."""
