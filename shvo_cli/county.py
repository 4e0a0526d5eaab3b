"""Reference facts about Västra Götaland county that do not change with a population table.

The 49 municipalities (kommunkod and name, SCB's codes, all 14xx since 1998) and the
kommunalförbund each belongs to. A population table is checked against this list so that a
mistyped code, a missing municipality or a row from another county cannot slip into an
invoice basis. (Kungsbacka is a member of Göteborgsregionen but lies in Halland: not here.)
"""

from __future__ import annotations

COUNTY_CODE = "14"
COUNTY_NAME = "Västra Götalands län"

MUNICIPALITIES: dict[str, tuple[str, str]] = {
    "1401": ("Härryda", "GR"),
    "1402": ("Partille", "GR"),
    "1407": ("Öckerö", "GR"),
    "1415": ("Stenungsund", "GR"),
    "1419": ("Tjörn", "GR"),
    "1421": ("Orust", "FYRBODAL"),
    "1427": ("Sotenäs", "FYRBODAL"),
    "1430": ("Munkedal", "FYRBODAL"),
    "1435": ("Tanum", "FYRBODAL"),
    "1438": ("Dals-Ed", "FYRBODAL"),
    "1439": ("Färgelanda", "FYRBODAL"),
    "1440": ("Ale", "GR"),
    "1441": ("Lerum", "GR"),
    "1442": ("Vårgårda", "SJUHARAD"),
    "1443": ("Bollebygd", "SJUHARAD"),
    "1444": ("Grästorp", "SKARABORG"),
    "1445": ("Essunga", "SKARABORG"),
    "1446": ("Karlsborg", "SKARABORG"),
    "1447": ("Gullspång", "SKARABORG"),
    "1452": ("Tranemo", "SJUHARAD"),
    "1460": ("Bengtsfors", "FYRBODAL"),
    "1461": ("Mellerud", "FYRBODAL"),
    "1462": ("Lilla Edet", "GR"),
    "1463": ("Mark", "SJUHARAD"),
    "1465": ("Svenljunga", "SJUHARAD"),
    "1466": ("Herrljunga", "SJUHARAD"),
    "1470": ("Vara", "SKARABORG"),
    "1471": ("Götene", "SKARABORG"),
    "1472": ("Tibro", "SKARABORG"),
    "1473": ("Töreboda", "SKARABORG"),
    "1480": ("Göteborg", "GR"),
    "1481": ("Mölndal", "GR"),
    "1482": ("Kungälv", "GR"),
    "1484": ("Lysekil", "FYRBODAL"),
    "1485": ("Uddevalla", "FYRBODAL"),
    "1486": ("Strömstad", "FYRBODAL"),
    "1487": ("Vänersborg", "FYRBODAL"),
    "1488": ("Trollhättan", "FYRBODAL"),
    "1489": ("Alingsås", "GR"),
    "1490": ("Borås", "SJUHARAD"),
    "1491": ("Ulricehamn", "SJUHARAD"),
    "1492": ("Åmål", "FYRBODAL"),
    "1493": ("Mariestad", "SKARABORG"),
    "1494": ("Lidköping", "SKARABORG"),
    "1495": ("Skara", "SKARABORG"),
    "1496": ("Skövde", "SKARABORG"),
    "1497": ("Hjo", "SKARABORG"),
    "1498": ("Tidaholm", "SKARABORG"),
    "1499": ("Falköping", "SKARABORG"),
}
"""kommunkod → (name, kommunalförbund id)."""

ASSOCIATIONS: dict[str, str] = {
    "GR": "Göteborgsregionen",
    "FYRBODAL": "Fyrbodal",
    "SKARABORG": "Skaraborg",
    "SJUHARAD": "Sjuhärad (Boråsregionen)",
}


def municipality_code(given: str) -> str | None:
    """A kommunkod (``1480``) or a municipality's name (``Göteborg``, any case) as the code;
    ``None`` for anything else. One reading for every place a user or an export names one."""
    text = given.strip()
    if text in MUNICIPALITIES:
        return text
    for code, (name, __) in MUNICIPALITIES.items():
        if name.casefold() == text.casefold():
            return code
    return None
