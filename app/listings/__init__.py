"""Listings: housing providers' shared-ownership developments, properties and the listings
that advertise them to applicants."""
