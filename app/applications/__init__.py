"""Shared-ownership applications: the applicant's journey, the portal API and provider review."""
