"""Tenure types, by their code, and the part each household member plays in one."""

from __future__ import annotations

TENURE_TYPES: dict[str, str] = {
    "ASY": "Asylum Seeker",
    "COM": "Commercial Let",
    "DEC": "Temp Decant",
    "FRE": "Freehold",
    "FRS": "Freehold (Serv)",
    "INT": "Introductory",
    "LEA": "Leasehold (RTB)",
    "LHS": "Lse 100% Stair",
    "LTA": "License Temp Ac",
    "MPA": "Mesne Profit Ac",
    "NON": "Non-Secure",
    "PVG": "Private Garage",
    "RSL": "Registered Social Landlord",
    "RTM": "RenttoMortgage",
    "SEC": "Secure",
    "SHO": "Shared Owners",
    "SLL": "Short Life Lse",
    "SPS": "Private Sale LH",
    "SSE": "Shared Equity",
    "TAF": "Tenant Acc Flat",
    "TBB": "Temp B&B",
    "TGA": "Tenant Garage",
    "THL": "Temp Hostel Lse",
    "THO": "Temp Hostel",
    "TLA": "Temp Annex",
    "TPL": "Temp Private Lt",
    "TRA": "Temp Traveller",
}

_RESPONSIBLE_AS = {
    "FRE": "Freeholder",
    "FRS": "Freeholder",
    "LEA": "Leaseholder",
    "RSL": "Leaseholder",
}


# Every value person_tenure_type gives.
PERSON_TENURE_TYPES = ["Tenant", "Leaseholder", "Freeholder", "HouseholdMember", "Occupant"]


def person_tenure_type(tenure_type_code: str, is_responsible: bool) -> str:
    """What a member is on the tenure. Derived, never taken from a client."""
    if not is_responsible:
        return "Occupant" if tenure_type_code == "TGA" else "HouseholdMember"
    return _RESPONSIBLE_AS.get(tenure_type_code, "Tenant")
