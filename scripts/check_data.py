#!/usr/bin/env python3
"""Check the hand-written knowledge files in data/ (format, sorting, duplicates).

Usage: python3 scripts/check_data.py [DATA_DIR]   -> exit 1 on any error.
Rules: UTF-8, final newline, '#' comment lines first (the first ones name the columns and the sort
policy), no blank lines, TSV rows with the stated column count, trimmed cells, rows sorted by key
(Python str order = Unicode code point order = UTF-8 byte order), unique keys, '|' list items trimmed and non-empty.
"""
import os, re, sys

TSV = {  # file: (columns, key column index)
    "organisations.tsv": (["id", "name", "aliases", "kind", "country"], 0),
    "people.tsv": (["name", "aliases", "country", "role"], 0),
    "titles.tsv": (["title", "kind", "role"], 0),
    "org_heads.tsv": (["word", "position", "kind"], 0),
}
LISTS = ["first_names.txt", "surname_particles.txt", "speech_verbs.txt", "non_entities.txt", "abbreviations.txt"]
ORG_KINDS = {"international", "party", "government", "legislature", "military", "intelligence", "court", "media",
             "company", "ngo", "union", "university", "religious", "sports", "other"}
ENUMS = {
    ("organisations.tsv", 3): ORG_KINDS,
    ("titles.tsv", 1): {"honorific", "office", "military", "royal", "religious", "role"},
    ("org_heads.tsv", 1): {"head", "pre", "both"},
    ("org_heads.tsv", 2): ORG_KINDS,
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ROLE = re.compile(r"^([a-z0-9]+(_[a-z0-9]+)*)?$")


def read(path, errors):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{path}: not UTF-8 ({e})")
        return None, []
    if not text.endswith("\n"):
        errors.append(f"{path}: no final newline")
    if "\r" in text:
        errors.append(f"{path}: CR characters")
    lines = text.split("\n")[:-1]
    header, body, in_header = [], [], True
    for n, ln in enumerate(lines, 1):
        if ln.startswith("#"):
            if not in_header:
                errors.append(f"{path}:{n}: comment after data rows")
            header.append(ln)
            continue
        in_header = False
        if not ln.strip():
            errors.append(f"{path}:{n}: blank line")
            continue
        body.append((n, ln))
    if not header:
        errors.append(f"{path}: missing '#' header comment")
    return header, body


def check_sorted_unique(path, keys, errors):
    seen = set()
    prev = None
    for n, k in keys:
        if k in seen:
            errors.append(f"{path}:{n}: duplicate key {k!r}")
        seen.add(k)
        if prev is not None and k < prev:
            errors.append(f"{path}:{n}: not sorted ({k!r} after {prev!r})")
        prev = k


def check_tsv(d, fname, cols, key, errors, warnings):
    path = os.path.join(d, fname)
    header, body = read(path, errors)
    if header is None:
        return {}
    want = "# columns: " + "<TAB>".join(cols)
    if not any(h.startswith(want) for h in header[:3]):
        errors.append(f"{path}: first header lines must contain {want!r}")
    if not any("sort" in h for h in header[:4]):
        errors.append(f"{path}: header must state the sort policy")
    keys, rows = [], []
    for n, ln in body:
        cells = ln.split("\t")
        if len(cells) != len(cols):
            errors.append(f"{path}:{n}: {len(cells)} columns, want {len(cols)}")
            continue
        for i, c in enumerate(cells):
            if c != c.strip():
                errors.append(f"{path}:{n}: cell {cols[i]} not trimmed")
            if "|" in c:
                items = c.split("|")
                if any(not x or x != x.strip() for x in items):
                    errors.append(f"{path}:{n}: bad '|' list in {cols[i]}")
                if len(set(items)) != len(items):
                    errors.append(f"{path}:{n}: repeated item in {cols[i]}")
            allowed = ENUMS.get((fname, i))
            if allowed is not None and c not in allowed:
                errors.append(f"{path}:{n}: {cols[i]}={c!r} not in {sorted(allowed)}")
        if not cells[key]:
            errors.append(f"{path}:{n}: empty key")
        keys.append((n, cells[key]))
        rows.append((n, cells))
    check_sorted_unique(path, keys, errors)
    if fname == "organisations.tsv":
        owner = {}
        for n, c in rows:
            if not SLUG.match(c[0]):
                errors.append(f"{path}:{n}: id {c[0]!r} is not a lowercase ASCII slug")
            if c[4] and not SLUG.match(c[4]):
                errors.append(f"{path}:{n}: country {c[4]!r} is not a slug")
            if c[1].lower().startswith("the ") and c[0] not in ALLOW_THE:
                warnings.append(f"{path}:{n}: name starts with 'The': {c[1]!r}")
            for s in [c[1]] + [a for a in c[2].split("|") if a]:
                owner.setdefault(s, []).append(c[0])
        for s, ids in owner.items():
            if len(ids) > 1:
                errors.append(f"{path}: name/alias {s!r} shared by {ids}")
    if fname == "people.tsv":
        owner = {}
        for n, c in rows:
            if c[2] and not SLUG.match(c[2]):
                errors.append(f"{path}:{n}: country {c[2]!r} is not a slug")
            for s in [c[0]] + [a for a in c[1].split("|") if a]:
                owner.setdefault(s, []).append(c[0])
        for s, names in owner.items():
            if len(names) > 1:
                errors.append(f"{path}: name/alias {s!r} shared by {names}")
    if fname == "titles.tsv":
        for n, c in rows:
            if not ROLE.match(c[2]):
                errors.append(f"{path}:{n}: role {c[2]!r} is not snake_case")
    return len(rows)


ALLOW_THE = {"the-hill", "the-atlantic", "the-times-uk", "the-sun-uk", "the-hindu", "the-australian", "the-independent-uk",
             "the-intercept", "the-new-yorker", "the-economist", "the-spectator", "observer-uk", "the-republicans-france"}


def check_list(d, fname, errors):
    path = os.path.join(d, fname)
    header, body = read(path, errors)
    if header is None:
        return 0
    keys = []
    for n, ln in body:
        if ln != ln.strip() or "\t" in ln:
            errors.append(f"{path}:{n}: entry has surrounding space or a tab")
        keys.append((n, ln))
        if fname == "abbreviations.txt" and not ln.endswith("."):
            errors.append(f"{path}:{n}: abbreviation without trailing period")
    check_sorted_unique(path, keys, errors)
    return len(keys)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    errors, warnings = [], []
    for f, (cols, key) in TSV.items():
        if os.path.exists(os.path.join(d, f)):
            print(f"{f}: {check_tsv(d, f, cols, key, errors, warnings)} rows")
        else:
            errors.append(f"{f}: missing")
    for f in LISTS:
        if os.path.exists(os.path.join(d, f)):
            print(f"{f}: {check_list(d, f, errors)} entries")
        else:
            errors.append(f"{f}: missing")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
