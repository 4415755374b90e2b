"""Invented buyers and receivers with Japanese names, addresses and phone numbers.

Every function takes a ``random.Random`` so the same seed gives the same people.
"""

import random

from . import data as D


def random_person(rng):
    """A buyer with a name, kana, e-mail, phones and an address of the same place."""
    sur = rng.choice(D.SURNAMES)
    given = rng.choice(D.GIVEN_NAMES)
    place = rng.choice(D.PLACES)
    mobile = "%s-%04d-%04d" % (
        rng.choice(("090", "080", "070")),
        rng.randrange(10000),
        rng.randrange(10000),
    )
    if rng.random() < 0.4:
        area = place[4]
        rest = 10 - len(area) + 1  # digits after the area code (10-digit numbers)
        first = rest // 2
        phone = "%s-%0*d-%04d" % (
            area,
            first,
            rng.randrange(10**first),
            rng.randrange(10000),
        )
    else:
        phone = ""
    email = "%s.%s%d@%s" % (
        given[2],
        sur[2],
        rng.randrange(1, 999),
        rng.choice(D.EMAIL_DOMAINS),
    )
    return {
        "name": "%s %s" % (sur[0], given[0]),
        "kana": "%s %s" % (sur[1], given[1]),
        "email": email,
        "phone": phone or mobile,
        "mobile": mobile if phone else "",
        "address": address(rng, place),
    }


def address(rng, place=None):
    pref, city, town, zip_prefix, _area = place or rng.choice(D.PLACES)
    building = rng.choice(D.BUILDINGS)
    addr2 = "%d-%d-%d" % (rng.randint(1, 9), rng.randint(1, 30), rng.randint(1, 20))
    if building:
        addr2 += " %s%d" % (building, rng.randint(1, 12) * 100 + rng.randint(1, 9))
    return {
        "zip": "%s%02d" % (zip_prefix, rng.randrange(100)),
        "addr1": pref + city + town,
        "addr2": addr2,
        "country": "JP",
    }


def receiver_of(person, rng):
    """Receiver dict from a person (its own address)."""
    addr = person["address"]
    return {
        "name": person["name"],
        "kana": person["kana"],
        "zip": addr["zip"],
        "addr1": addr["addr1"],
        "addr2": addr["addr2"],
        "phone": person["phone"],
        "mobile": person["mobile"],
        "country": "JP",
    }


def buyer_of(person):
    return {k: person[k] for k in ("name", "kana", "email", "phone", "mobile")}


def default_person(pack_no):
    """The person of an explicit cart that names none: derived from its pack number."""
    return random_person(random.Random("person:%s" % pack_no))
