"""Made-up tenures for bench/tenure_search.py: the same ones for every seed, with names and
postcodes spread as a housing organisation's would be.

- Surnames: about 300 common ones, weighted so that the commonest (Smith) is about 2% of the
  people, then a long tail of 800 rarer ones. Most households share the responsible member's
  surname. Some names have a title, a middle name, an accent or a double-barrelled surname.
- First names: about 200, weighted the same way.
- Postcodes: about 680 outward codes over London and other cities, a few much busier than
  the rest, each with postcodes of about a dozen tenures each.
- Tenure types, start and end dates, charges and arrears, varied at random.

A payload is what a client would POST to /tenures; `record()` is what `read_tenure()` makes of
it, built directly because that is about 30 times faster. `check_records()` compares the two
on a sample, so the benchmark stops if they ever differ.
"""

from __future__ import annotations

import copy
import itertools
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from app.tenures.record import read_tenure
from app.tenures.tenure_types import TENURE_TYPES, person_tenure_type


def _words(text: str) -> list[str]:
    return text.split()


SURNAMES = _words("""
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner
Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott
Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson
Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt
Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker
Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson
Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West
Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry
Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory
Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding Porter
Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates Henderson
Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls
Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman
Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter Osborne Johnston
Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis Higgins
Read Miles Stevenson Stephenson Hammond Arnold Buckley Walters Hewitt Barber Nelson Slater
Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Akhtar Lynch Goodwin Barton Woodward
Thomson Cunningham Quinn Barnett Baxter Bibi Clayton Nash Greenwood Jennings Holt Kemp Poole
Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Lawson Banks French Stanley
Jarvis Gibbs Ferguson Hayward Carroll Douglas Dickinson Todd Barlow Peters Lucas Knowles
Hartley Miah Simmons Morton Alexander Field Morrison Norris Townsend Preston Hancock Thornton
Baldwin Burrows Briggs Storey Pollard Rahman Nowak Kowalski Nguyen Okafor Mensah Adeyemi
Osei Ibrahim Mohamed Yilmaz Popescu Da-Silva Rodrigues Fernandes Costa Santos Ferreira
""")

# The long tail: English place-name surnames, each rare.
_TAIL_STARTS = _words("""Ash Black Brad Brook Carr Craw Dal Elling Fair Fen Gold Green Hal Hart Hol
Kings Lang Lock Mar Mid Mor New North Pen Ray Red Rox Sand Shel Stan Stock Sut Thorn Wake Wal
Well West Whit Wood Yar""")
_TAIL_ENDS = _words("""ford ley ton well wood by ham field bridge more worth don shaw combe
stead wick land brook cott dale""")
TAIL_SURNAMES = [start + end for start, end in itertools.product(_TAIL_STARTS, _TAIL_ENDS)]
TAIL_SHARE = 0.35  # of surnames drawn from the tail

FIRST_NAMES = _words("""
Oliver George Harry Jack Jacob Noah Charlie Muhammad Thomas Oscar William James Henry Leo
Alfie Joshua Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur
Lucas Mohammed Logan Theo Harrison Benjamin Mason Sebastian Finley Adam Dylan Zachary Riley
Teddy Theodore David Toby Jake Louie Elijah Reuben Arlo Hugo Luca Jaxon Matthew Harvey Reggie
Michael Tommy Jenson Frankie Albert Ronnie John Paul Mark Peter Stephen Andrew Richard Robert
Christopher Anthony Kevin Gary Ian Simon Neil Wayne Darren Lee Craig Dean Jason Carl Martin
Seán Kwame Kofi Tunde Emeka Ahmed Ali Hassan Omar Yusuf Bilal Imran Rajesh Sanjay Arjun Vikram
Amelia Olivia Isla Emily Poppy Ava Isabella Jessica Lily Sophie Grace Sophia Mia Evie Ruby
Ella Scarlett Isabelle Chloé Sienna Freya Phoebe Charlotte Daisy Alice Florence Eva Sofia
Millie Lucy Evelyn Elsie Rosie Imogen Lola Matilda Elizabeth Layla Holly Lilly Molly Erin
Ellie Maisie Maya Abigail Eliza Georgia Jasmine Esme Willow Bella Annabelle Ivy Amber Emilia
Emma Summer Hannah Eleanor Harriet Rose Amelie Lexi Megan Gracie Zara Lacey Martha Anna Violet
Darcey Maria Maryam Brooke Aisha Katie Leah Thea Darcie Hallie Alexandra Mary Susan Margaret
Patricia Linda Barbara Sarah Karen Julie Helen Michelle Nicola Claire Joanne Lisa Tracey
Zoë Siobhán Renée Aoife Niamh Fatima Khadija Amina Priya Anjali Deepa Ngozi Chiamaka Abena
Agnieszka Katarzyna Ioana Elena Ana Beatriz
""")

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mx")

# Areas and their districts: real outward codes, many more than a search would touch.
_AREAS = {
    "E": range(1, 19),
    "N": range(1, 23),
    "NW": range(1, 12),
    "SE": range(1, 29),
    "SW": range(1, 21),
    "W": range(1, 15),
    "EC": range(1, 5),
    "IG": range(1, 12),
    "RM": range(1, 21),
    "EN": range(1, 12),
    "HA": range(0, 10),
    "UB": range(1, 12),
    "TW": range(1, 21),
    "KT": range(1, 23),
    "CR": range(0, 10),
    "BR": range(1, 9),
    "DA": range(1, 19),
    "B": range(1, 51),
    "M": range(1, 41),
    "L": range(1, 41),
    "LS": range(1, 30),
    "BS": range(1, 17),
    "NG": range(1, 23),
    "S": range(1, 37),
    "CF": range(1, 25),
    "G": range(1, 54),
    "EH": range(1, 18),
    "BN": range(1, 28),
    "LE": range(1, 20),
    "NE": range(1, 40),
}
_LETTERED = ("E1W", "SW1A", "SW1P", "W1T", "W1D", "EC1V", "EC2A", "WC1H", "WC2H", "N1C", "E20")
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters an inward code uses
TENURES_PER_POSTCODE = 12

STREETS = """Mare Street|Amhurst Road|Dalston Lane|Well Street|Morning Lane|Victoria Park Road|
Church Street|High Street|Station Road|Park Road|Queens Road|Kingsland Road|Albion Drive|
Cazenove Road|Manor Road|Green Lanes|Mildmay Grove|Downs Road|Clapton Square|Lea Bridge Road|
Chatsworth Road|Brooke Road|Stoke Newington Road|Median Road|Homerton High Street""".replace(
    "\n", ""
).split("|")
ASSET_TYPES = ("Dwelling", "Block", "Flat", "House", "Maisonette", "Garage")

# Tenure types and how common each is.
TENURE_TYPE_WEIGHTS = {
    "SEC": 52,
    "INT": 9,
    "LEA": 14,
    "NON": 4,
    "TAF": 2,
    "TPL": 3,
    "THO": 2,
    "DEC": 2,
    "FRE": 2,
    "SHO": 3,
    "TGA": 3,
    "ASY": 1,
    "RSL": 1,
    "LTA": 1,
    "TBB": 1,
}
EARLIEST_START = date(1975, 1, 1)
LATEST_START = date(2025, 5, 31)
ENDED_SHARE = 0.15
# Dates of birth and ends of tenure fall before it: fixed, so that the data is the same every
# day, and in the past, so that read_tenure() accepts the dates of birth.
TODAY = date(2025, 6, 1)


def _zipf_weights(count: int, exponent: float = 0.5) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def _random_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _random_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


@dataclass(frozen=True)
class Household:
    """Drawn once per tenure: who lives there and where."""

    surname: str
    postcode: str


class Generator:
    """Payloads for `count` tenures, the same for the same seed."""

    def __init__(self, seed: int):
        self.seed = seed
        rng = random.Random(f"{seed}-places")  # noqa: S311 - made-up data, no secrets
        outward_codes = [f"{a}{n}" for a, districts in _AREAS.items() for n in districts]
        outward_codes += _LETTERED
        rng.shuffle(outward_codes)
        self.outward_codes = outward_codes
        # A few outward codes hold many more of the organisation's homes than the rest.
        self.outward_weights = _zipf_weights(len(outward_codes), 0.7)
        self.first_weights = list(itertools.accumulate(_zipf_weights(len(FIRST_NAMES))))
        self.surname_weights = list(itertools.accumulate(_zipf_weights(len(SURNAMES))))
        self.type_codes = list(TENURE_TYPE_WEIGHTS)
        self.type_weights = list(itertools.accumulate(TENURE_TYPE_WEIGHTS.values()))

    def _postcode_pools(self, rng: random.Random, count: int) -> dict[str, list[str]]:
        """Each outward code's postcodes, about TENURES_PER_POSTCODE tenures each."""
        total = sum(self.outward_weights)
        pools = {}
        for code, weight in zip(self.outward_codes, self.outward_weights, strict=True):
            wanted = max(2, round(count * weight / total / TENURES_PER_POSTCODE))
            inward = set()
            while len(inward) < min(wanted, 10 * len(_UNIT_LETTERS) ** 2):
                letters = rng.choice(_UNIT_LETTERS) + rng.choice(_UNIT_LETTERS)
                inward.add(f"{rng.randrange(10)}{letters}")
            pools[code] = [f"{code} {unit}" for unit in sorted(inward)]
        return pools

    def _surname(self, rng: random.Random) -> str:
        if rng.random() < TAIL_SHARE:
            name = rng.choice(TAIL_SURNAMES)
        else:
            name = rng.choices(SURNAMES, cum_weights=self.surname_weights)[0]
        if rng.random() < 0.02:
            other = rng.choices(SURNAMES, cum_weights=self.surname_weights)[0]
            name = f"{name}-{other}"
        return name

    def _full_name(self, rng: random.Random, surname: str) -> str:
        words = []
        if rng.random() < 0.15:
            words.append(rng.choice(TITLES))
        words.append(rng.choices(FIRST_NAMES, cum_weights=self.first_weights)[0])
        if rng.random() < 0.2:
            words.append(rng.choices(FIRST_NAMES, cum_weights=self.first_weights)[0])
        words.append(surname)
        return " ".join(words)

    def _member(
        self, rng: random.Random, surname: str, responsible: bool, start: date
    ) -> dict[str, object]:
        latest_birth = start - timedelta(days=18 * 365) if responsible else TODAY
        born = _random_date(rng, date(1930, 1, 1), min(latest_birth, TODAY - timedelta(1)))
        return {
            "id": _random_id(rng),
            "type": "Person",
            "fullName": self._full_name(rng, surname),
            "isResponsible": responsible,
            "dateOfBirth": born.isoformat(),
        }

    def payloads(self, count: int, members: int = 3) -> Iterator[dict]:
        """What a client would POST to /tenures, `count` times."""
        rng = random.Random(f"{self.seed}-tenures")  # noqa: S311
        pools = self._postcode_pools(rng, count)
        for number in range(count):
            code = rng.choices(self.outward_codes, weights=self.outward_weights)[0]
            postcode = rng.choice(pools[code])
            start = _random_date(rng, EARLIEST_START, LATEST_START)
            family = self._surname(rng)
            people = []
            for index in range(members):
                # Most households share a surname; some members have their own.
                same = index == 0 or rng.random() < 0.7
                surname = family if same else self._surname(rng)
                people.append(self._member(rng, surname, index == 0, start))
            end = None
            if rng.random() < ENDED_SHARE:
                end = _random_date(rng, start, TODAY - timedelta(1)).isoformat()
            rent = round(rng.uniform(70, 260), 2)
            balance = round(rng.choice((0.0, 0.0, rng.uniform(-300, 0), rng.uniform(0, 1500))), 2)
            code_type = rng.choices(self.type_codes, cum_weights=self.type_weights)[0]
            yield {
                "id": _random_id(rng),
                "paymentReference": f"{228000000 + number}",
                "householdMembers": people,
                "tenuredAsset": {
                    "id": _random_id(rng),
                    "type": rng.choice(ASSET_TYPES),
                    "fullAddress": (
                        f"Flat {rng.randint(1, 40)}, {rng.randint(1, 300)} "
                        f"{rng.choice(STREETS)}, London"
                    ),
                    "uprn": str(rng.randint(10_000_000, 100_099_999_999)),
                    "postcode": postcode,
                },
                "charges": {
                    "rent": rent,
                    "currentBalance": balance,
                    "billingFrequency": "Weekly",
                    "serviceCharge": round(rng.uniform(0, 40), 2),
                    "otherCharges": 0.0,
                    "combinedServiceCharges": 0.0,
                    "combinedRentCharges": rent,
                    "tenancyInsuranceCharge": 0.0,
                    "originalRentCharge": rent,
                    "originalServiceCharge": 0.0,
                },
                "startOfTenureDate": start.isoformat(),
                "endOfTenureDate": end,
                "tenureType": {"code": code_type},
                "isTenanted": end is None,
                "terminated": {
                    "isTerminated": end is not None,
                    "reasonForTermination": "End of tenancy" if end else None,
                },
                "successionDate": None,
                "evictionDate": None,
                "potentialEndDate": None,
                "notices": [],
                "legacyReferences": [{"name": "u_saff_tenancy", "value": f"{100000 + number}"}],
                "isMutualExchange": False,
                "informHousingBenefitsForChanges": False,
                "isSublet": False,
                "subletEndDate": None,
            }


def record(payload: dict) -> dict:
    """What `read_tenure(payload)` returns for a payload made here, without re-validating it:
    the tenure type's description and each member's person tenure type filled in."""
    code = payload["tenureType"]["code"]
    built = dict(payload)
    built["tenureType"] = {"code": code, "description": TENURE_TYPES[code]}
    built["householdMembers"] = [
        {**member, "personTenureType": person_tenure_type(code, member["isResponsible"])}
        for member in payload["householdMembers"]
    ]
    return built


def check_records(payloads: list[dict]) -> str | None:
    """Where `record()` and `read_tenure()` disagree on these payloads, if anywhere."""
    for payload in payloads:
        expected = read_tenure(copy.deepcopy(payload))
        if record(payload) != expected:
            return f"tenure {payload['id']}: {record(payload)!r} != {expected!r}"
    return None
