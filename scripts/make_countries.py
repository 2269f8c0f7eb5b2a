#!/usr/bin/env python3
"""Generate data/countries.tsv from the npm package `world-countries` (ODbL 1.0).

Usage:
    cd /tmp && mkdir wc && cd wc && npm pack world-countries && tar xzf world-countries-*.tgz
    python3 scripts/make_countries.py /tmp/wc/package/countries.json

The manual overrides below (names, aliases, demonyms, capitals, seats) are part of
the data: edit them here and regenerate, never edit data/countries.tsv by hand.

After writing countries.tsv the script checks countries.tsv + countries-extra.tsv
(+ locations.tsv if present) for format errors and surface-form collisions and
prints every violation; the exit status is 1 if there is any.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

# Sovereign states that are not UN members (world-countries marks Vatican City as
# unMember=true already).
EXTRA_CCA3 = {"PSE", "TWN", "UNK"}  # Palestine, Taiwan, Kosovo (UNK in the package)
CCA3_FIX = {"UNK": "XKX"}

# Common English news name (overrides name.common).
NAME = {
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "COD": "Democratic Republic of the Congo",
    "TLS": "East Timor",
}

# Words that mark an alt spelling from the package as an English official/formal name.
ENGLISH_FORMAL = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Principality|Union|Sultanate|"
    r"Confederation|Duchy|Commonwealth|Nation|Emirates)\b")

# Package alt spellings that are kept although they do not match ENGLISH_FORMAL.
KEEP_ALT = {
    "Bosnia-Herzegovina", "Brunei Darussalam", "Cote d'Ivoire", "Côte d'Ivoire",
    "Congo-Kinshasa", "Congo-Brazzaville", "Congo", "DRC", "DPRK", "Burma", "Holland",
    "Swaziland", "East Timor", "Timor-Leste", "Macedonia", "Viet Nam", "Turkiye",
    "Great Britain", "UK", "USA", "UAE", "Chinese Taipei", "Vatican", "Rumania",
    "Sao Tome and Principe", "Maldive Islands", "Lao People's Democratic Republic",
    "The former Yugoslav Republic of Macedonia", "Cabo Verde", "Czechia", "Türkiye",
}
# Package alt spellings that are dropped although they match ENGLISH_FORMAL.
DROP_ALT = {
    "Republic of China (Taiwan)", "Holy See (Vatican City State)",
    "Sathalanalat Paxathipatai Paxaxon Lao", "Gabutih Ummuuno",
}

# Manual aliases added per cca3 (other English surface forms used in text).
ADD_ALIASES = {
    "USA": ["United States of America", "U.S.", "US", "USA", "U.S.A.", "America"],
    "GBR": ["United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.",
            "Britain", "Great Britain"],
    "RUS": ["Russian Federation"],
    "CHN": ["People's Republic of China", "PRC", "P.R.C."],
    "TWN": ["Republic of China", "ROC", "Chinese Taipei", "Formosa"],
    "PRK": ["Democratic People's Republic of Korea", "DPRK", "N. Korea"],
    "KOR": ["Republic of Korea", "ROK", "S. Korea"],
    "ARE": ["UAE", "U.A.E."],
    "SAU": ["Kingdom of Saudi Arabia", "KSA"],
    "COD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Congo", "Republic of Congo", "Congo-Brazzaville"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "NLD": ["Holland", "Kingdom of the Netherlands"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
    "CZE": ["Czechia"],
    "MMR": ["Burma"],
    "IRN": ["Persia", "Islamic Republic of Iran"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia", "FYROM"],
    "TLS": ["Timor-Leste"],
    "CPV": ["Cabo Verde"],
    "LAO": ["Lao PDR"],
    "LKA": ["Ceylon"],
    "THA": ["Siam"],
    "KHM": ["Kampuchea"],
    "ETH": ["Abyssinia"],
    "VAT": ["Holy See", "Vatican", "Vatican City State"],
    "PSE": ["State of Palestine"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "FSM": ["Federated States of Micronesia"],
    "VNM": ["Viet Nam"],
    "KNA": ["St. Kitts and Nevis", "St Kitts and Nevis"],
    "LCA": ["St. Lucia", "St Lucia"],
    "VCT": ["St. Vincent and the Grenadines", "St Vincent and the Grenadines"],
    "TTO": ["Trinidad"],
    "ATG": ["Antigua"],
    "GNB": [],
    "STP": ["Sao Tome and Principe"],
    "BRN": ["Brunei Darussalam"],
    "KGZ": ["Kyrgyz Republic", "Kirghizia"],
    "MDA": ["Republic of Moldova"],
    "BLR": ["Byelorussia"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas"],
}
# Aliases removed after merging (package noise, ordinary words, ambiguity).
DROP_ALIAS = {
    "ARE": ["Emirates"],          # airline name
    "TLS": ["Timor"],             # the island is shared with Indonesia
    "LAO": ["Lao"],               # kept as demonym
    "ZAF": ["RSA"],
    "SAU": ["Saudi"],             # demonym
    "ISL": ["Island"],            # English word
    "TGO": ["Togolese"],
    "THA": ["Thai"],
    "BRN": ["Nation of Brunei, Abode of Peace"],
}

# Demonyms: when present, replaces the package's demonyms entirely.
DEMONYMS = {
    "USA": ["American", "Americans"],
    "GBR": ["British", "Briton", "Britons", "Brit", "Brits"],
    "FRA": ["French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "DEU": ["German", "Germans"],
    "ESP": ["Spanish", "Spaniard", "Spaniards"],
    "NLD": ["Dutch", "Dutchman", "Dutchmen", "Dutchwoman"],
    "IRL": ["Irish", "Irishman", "Irishmen", "Irishwoman"],
    "DNK": ["Danish", "Dane", "Danes"],
    "SWE": ["Swedish", "Swede", "Swedes"],
    "FIN": ["Finnish", "Finn", "Finns"],
    "ISL": ["Icelandic", "Icelander", "Icelanders"],
    "POL": ["Polish", "Pole", "Poles"],
    "TUR": ["Turkish", "Turk", "Turks"],
    "GRC": ["Greek", "Greeks"],
    "CZE": ["Czech", "Czechs"],
    "SVK": ["Slovak", "Slovaks", "Slovakian", "Slovakians"],
    "SVN": ["Slovenian", "Slovenians", "Slovene", "Slovenes"],
    "HRV": ["Croatian", "Croatians", "Croat", "Croats"],
    "SRB": ["Serbian", "Serbians", "Serb", "Serbs"],
    "BIH": ["Bosnian", "Bosnians", "Herzegovinian", "Herzegovinians"],
    "CHE": ["Swiss"],
    "PRT": ["Portuguese"],
    "CHN": ["Chinese"],
    "JPN": ["Japanese"],
    "TWN": ["Taiwanese"],
    "VNM": ["Vietnamese"],
    "PHL": ["Filipino", "Filipinos", "Filipina", "Filipinas", "Philippine"],
    "THA": ["Thai", "Thais"],
    "LAO": ["Laotian", "Laotians", "Lao"],
    "MMR": ["Burmese"],
    "AFG": ["Afghan", "Afghans"],
    "SAU": ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"],
    "ARE": ["Emirati", "Emiratis"],
    "NZL": ["New Zealander", "New Zealanders"],
    "KAZ": ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis"],
    "TJK": ["Tajik", "Tajiks", "Tajikistani", "Tajikistanis"],
    "UZB": ["Uzbek", "Uzbeks", "Uzbekistani", "Uzbekistanis"],
    "TKM": ["Turkmen", "Turkmens"],
    "AZE": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "CPV": ["Cape Verdean", "Cape Verdeans"],
    "ECU": ["Ecuadorian", "Ecuadorians", "Ecuadorean", "Ecuadoreans"],
    "MDV": ["Maldivian", "Maldivians"],
    "GNB": ["Bissau-Guinean", "Bissau-Guineans"],
    "NPL": ["Nepalese", "Nepali", "Nepalis"],
    "ATG": ["Antiguan", "Antiguans", "Barbudan", "Barbudans"],
    "KNA": ["Kittitian", "Kittitians", "Nevisian", "Nevisians"],
    "ARG": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
    "VAT": [],                      # "Vatican" is an alias
    "DJI": ["Djiboutian", "Djiboutians"],
    "DMA": [],                      # "Dominican(s)" belongs to the Dominican Republic
    "COG": [],                      # "Congolese" belongs to DR Congo (far more frequent)
    "COD": ["Congolese"],
    "MCO": ["Monegasque", "Monegasques"],
    "BWA": ["Motswana", "Batswana"],
    "LSO": ["Mosotho", "Basotho"],
    "COM": ["Comorian", "Comorians"],
    "LUX": ["Luxembourger", "Luxembourgers", "Luxembourgish"],
    "LIE": ["Liechtensteiner", "Liechtensteiners"],
    "SUR": ["Surinamese", "Surinamer", "Surinamers"],
    "SLB": ["Solomon Islander", "Solomon Islanders"],
    "TTO": ["Trinidadian", "Trinidadians", "Tobagonian", "Tobagonians"],
    "BRB": ["Barbadian", "Barbadians", "Bajan", "Bajans"],
    "SLV": ["Salvadoran", "Salvadorans", "Salvadorean", "Salvadoreans"],
    "UNK": ["Kosovar", "Kosovars", "Kosovan", "Kosovans"],
    "CYP": ["Cypriot", "Cypriots"],
    "KIR": ["I-Kiribati"],
    "VUT": ["Ni-Vanuatu"],
    "BFA": ["Burkinabe", "Burkinabè"],
    "MDG": ["Malagasy"],
    "SYC": ["Seychellois"],
    "STP": ["Santomean", "Santomeans", "Sao Tomean", "Sao Tomeans"],
    "VCT": ["Vincentian", "Vincentians"],
    "LCA": ["Saint Lucian", "Saint Lucians", "St. Lucian", "St Lucian"],
    "BHR": ["Bahraini", "Bahrainis"],
    "YEM": ["Yemeni", "Yemenis"],
    "SOM": ["Somali", "Somalis"],
    "IRQ": ["Iraqi", "Iraqis"],
    "CAF": ["Central African", "Central Africans"],
    "PNG": ["Papua New Guinean", "Papua New Guineans"],
    "GNQ": ["Equatorial Guinean", "Equatorial Guineans", "Equatoguinean", "Equatoguineans"],
    "BLR": ["Belarusian", "Belarusians"],
    "SMR": ["Sammarinese"],
    "NER": ["Nigerien", "Nigeriens"],
}

# Capitals: when present, replaces the package's capitals.
CAPITALS = {
    "USA": ["Washington", "Washington, D.C.", "Washington D.C.", "Washington DC"],
    "UKR": ["Kyiv", "Kiev"],
    "CHE": ["Bern", "Berne"],
    "MNG": ["Ulaanbaatar", "Ulan Bator"],
    "MMR": ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"],
    "LKA": ["Sri Jayawardenepura Kotte", "Colombo"],
    "BOL": ["Sucre", "La Paz"],
    "MYS": ["Kuala Lumpur", "Putrajaya"],
    "KAZ": ["Astana", "Nur-Sultan"],
    "SWZ": ["Mbabane", "Lobamba"],
    "NLD": ["Amsterdam", "The Hague"],
    "ZAF": ["Pretoria", "Cape Town", "Bloemfontein"],
    "YEM": ["Sanaa", "Sana'a"],
    "KIR": ["South Tarawa", "Tarawa"],
    "UNK": ["Pristina", "Prishtina"],
    "TCD": ["N'Djamena", "Ndjamena"],
    "TTO": ["Port of Spain", "Port-of-Spain"],
    "ATG": ["St. John's", "Saint John's"],
    "GRD": ["St. George's", "Saint George's"],
    "LUX": ["Luxembourg City"],
    "DJI": ["Djibouti City"],
    "SGP": [],
    "MCO": [],
    "VAT": [],
    "SYC": [],   # "Victoria" is left to the Australian state (locations.tsv)
    "CIV": ["Yamoussoukro"],
    "IND": ["New Delhi"],
    "CHN": ["Beijing"],
    "KOR": ["Seoul"],
    "MDV": ["Malé"],
    "PLW": ["Ngerulmud"],
}

# Seat-of-government metonyms (well-known ones only).
SEATS = {
    "RUS": ["Kremlin"],
    "USA": ["White House"],
    "GBR": ["Downing Street", "Number 10", "No 10", "No. 10", "Whitehall", "Westminster"],
    "FRA": ["Élysée Palace", "Élysée", "Elysee Palace", "Elysee", "Elysée"],
    "CHN": ["Zhongnanhai"],
    "KOR": ["Blue House", "Cheong Wa Dae"],
    "ESP": ["Moncloa", "Moncloa Palace"],
    "ITA": ["Palazzo Chigi"],
    "ARG": ["Casa Rosada"],
    "BRA": ["Planalto", "Planalto Palace"],
    "PHL": ["Malacañang", "Malacañang Palace", "Malacanang"],
    "VEN": ["Miraflores Palace"],
    "CHL": ["La Moneda"],
    "COL": ["Casa de Nariño"],
    "CAN": ["Parliament Hill"],
    "IND": ["Raisina Hill"],
    "ZAF": ["Union Buildings"],
}

# Forms that must not get an automatic accent-stripped variant (it would be a word).
NO_FOLD = {"Malé"}


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    s = fold(s).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def plural(d):
    if d in {"Philippine", "I-Kiribati", "Lao"} or " " in d and d.endswith("ese"):
        return None
    if re.search(r"(an|i|ot|er|ek|ak|ik|in|zech|akh|ar|ino|ina)$", d):
        return d + "s"
    return None


def uniq(items):
    out = []
    for x in items:
        x = x.strip()
        if x and x not in out:
            out.append(x)
    return out


def with_folds(items):
    out = []
    for x in items:
        out.append(x)
        f = fold(x)
        if f != x and x not in NO_FOLD:
            out.append(f)
    return uniq(out)


def build(countries):
    rows = []
    for c in countries:
        cca3 = c["cca3"]
        if not (c.get("unMember") or cca3 in EXTRA_CCA3):
            continue
        common = c["name"]["common"]
        name = NAME.get(cca3, common)
        native = set()
        for v in c["name"].get("native", {}).values():
            native |= {v["official"], v["common"]}
        alts = []
        for a in [common, c["name"]["official"]] + c.get("altSpellings", []):
            if a in DROP_ALT or a in native:
                continue
            if a in KEEP_ALT or a == common:
                alts.append(a)
            elif "," not in a and "(" not in a and ENGLISH_FORMAL.search(a):
                alts.append(a)
        alts += ADD_ALIASES.get(cca3, [])
        alts = [a for a in alts if a not in DROP_ALIAS.get(cca3, [])]
        aliases = [a for a in with_folds(alts) if a != name]

        if cca3 in DEMONYMS:
            dem = list(DEMONYMS[cca3])
        else:
            eng = c.get("demonyms", {}).get("eng", {})
            dem = []
            for v in (eng.get("m"), eng.get("f")):
                if v:
                    dem += [p.strip() for p in re.split(r",| or ", v)]
            dem = uniq(dem)
            more = []
            for d in dem:
                more.append(d)
                p = plural(d)
                if p:
                    more.append(p)
            dem = more
        dem = with_folds(dem)

        caps = CAPITALS.get(cca3, c.get("capital", []))
        caps = with_folds(caps)
        seats = with_folds(SEATS.get(cca3, []))

        # a surface form appears once per row: name > aliases > demonyms > capitals > seats
        seen = {name}
        cols = []
        for lst in (aliases, dem, caps, seats):
            kept = [x for x in lst if x not in seen]
            seen |= set(kept)
            cols.append(kept)
        rows.append([slug(name), name, "|".join(cols[0]), "|".join(cols[1]),
                     "|".join(cols[2]), "|".join(cols[3]), CCA3_FIX.get(cca3, cca3)])
    rows.sort(key=lambda r: r[0])
    return rows


HEADER = """\
# countries.tsv - sovereign states: the 193 UN members, the UN observer states Vatican City
# (Holy See) and Palestine, plus Taiwan and Kosovo. Dependent territories are in locations.tsv.
# GENERATED by scripts/make_countries.py from the npm package world-countries 5.1.0
# (ODbL 1.0, see LICENSE-world-countries.txt) plus the manual overrides kept in that script.
# Do not edit by hand: edit the script and regenerate.
# Format: UTF-8, tab-separated, exactly 7 columns, lines starting with '#' are comments.
# id: lowercase ASCII slug of name (words joined with '-'), unique. Rows are sorted by id (byte order).
# name: the common English name as news text writes it.
# aliases, demonyms, capitals, seats: '|'-separated lists, possibly empty; no empty items.
#   aliases: other English names/abbreviations (official name, US, UK, DPRK...); no ISO alpha-2 codes.
#   demonyms: adjectives and people nouns incl. plurals (Russian|Russians).
#   capitals: capital city names incl. spelling variants; seats: seat-of-government metonyms (Kremlin).
# Every surface form (name, alias, demonym, capital, seat) occurs in only one row across
# countries.tsv and countries-extra.tsv; accent-stripped variants are listed explicitly.
# cca3: ISO 3166-1 alpha-3 code (XKX for Kosovo), informational.
# id\tname\taliases\tdemonyms\tcapitals\tseats\tcca3
"""


def read_tsv(path, ncols, errors):
    rows = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.endswith("\n"):
        errors.append(f"{path}: no final newline")
    for i, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != ncols:
            errors.append(f"{path}:{i}: {len(cells)} columns, want {ncols}")
            continue
        for cell in cells:
            if cell != cell.strip():
                errors.append(f"{path}:{i}: spaces around cell {cell!r}")
            if cell and ("||" in cell or cell.startswith("|") or cell.endswith("|")):
                errors.append(f"{path}:{i}: empty list item in {cell!r}")
            for item in cell.split("|"):
                if item != item.strip():
                    errors.append(f"{path}:{i}: spaces around item {item!r}")
        rows.append(cells)
    return rows


def check(errors):
    """Cross-file checks. Returns nothing; appends to errors."""
    ctry = read_tsv(os.path.join(DATA, "countries.tsv"), 7, errors)
    extra_path = os.path.join(DATA, "countries-extra.tsv")
    extra = read_tsv(extra_path, 7, errors) if os.path.exists(extra_path) else []
    ids = [r[0] for r in ctry]
    if ids != sorted(ids):
        errors.append("countries.tsv: not sorted by id")
    eids = [r[0] for r in extra]
    if eids != sorted(eids):
        errors.append("countries-extra.tsv: not sorted by id")
    allids = ids + eids
    for r in ctry + extra:
        if r[0] != slug(r[1]):
            errors.append(f"id {r[0]} is not the slug of name {r[1]!r}")
    for i in set(allids):
        if allids.count(i) > 1:
            errors.append(f"duplicate id {i}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i):
            errors.append(f"bad id {i}")
    owner = {}      # exact surface -> id
    owner_ci = {}   # folded lowercase surface -> id
    for r in ctry + extra:
        forms = [r[1]] + [x for col in r[2:6] if col for x in col.split("|")]
        for f in forms:
            if f in owner and owner[f] != r[0]:
                errors.append(f"surface {f!r} in both {owner[f]} and {r[0]}")
            owner.setdefault(f, r[0])
            k = fold(f).lower()
            if k in owner_ci and owner_ci[k] != r[0]:
                errors.append(f"surface {f!r} (case/accent-folded) in both {owner_ci[k]} and {r[0]}")
            owner_ci.setdefault(k, r[0])
    loc_path = os.path.join(DATA, "locations.tsv")
    if os.path.exists(loc_path):
        locs = read_tsv(loc_path, 4, errors)
        names = [r[0] for r in locs]
        if names != sorted(names):
            errors.append("locations.tsv: not sorted by name")
        seen = {}
        for r in locs:
            if r[1] not in {"city", "region", "state", "continent", "body-of-water"}:
                errors.append(f"locations.tsv: bad kind {r[1]!r} for {r[0]}")
            if r[2] and r[2] not in allids:
                errors.append(f"locations.tsv: unknown country {r[2]!r} for {r[0]}")
            for f in [r[0]] + (r[3].split("|") if r[3] else []):
                k = fold(f).lower()
                if k in seen and seen[k] != r[0]:
                    errors.append(f"locations.tsv: {f!r} ({r[0]}) duplicates {seen[k]}")
                seen[k] = r[0]
                if k in owner_ci:
                    errors.append(f"locations.tsv: {f!r} ({r[0]}) is a country form of {owner_ci[k]}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] != "--check":
        with open(sys.argv[1], encoding="utf-8") as f:
            countries = json.load(f)
        rows = build(countries)
        with open(os.path.join(DATA, "countries.tsv"), "w", encoding="utf-8") as f:
            f.write(HEADER.replace("\\t", "\t"))
            for r in rows:
                f.write("\t".join(r) + "\n")
        print(f"wrote {len(rows)} rows to data/countries.tsv")
    errors = []
    check(errors)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} problems")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
