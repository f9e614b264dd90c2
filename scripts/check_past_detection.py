#!/usr/bin/env python3
"""Checks detection.past_rr against the published fall in first time entrants (docs/model.md, version 2).

The years before a run's start are its burn-in and are never reported, so this runs the scenario again with its
start moved back by 1 to 5 years, the detection probability of that year and the rest of the table shifted
with it (the same past, seen from an earlier start), and compares each start's first-year first time entrants and
children cautioned or sentenced with the scenario's own, as ratios, against the published series
(data/published_figures.csv, years ending March).

  scripts/check_past_detection.py [SCENARIO] [--replicates N] [--population N]

SCENARIO defaults to scenarios/england_wales_2018.toml (start 2018-04); by default it runs at a fifth of the
population with 2 replicates (about 20 s on 2 cores).
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def defaults(yjsim):
    """detection.probability and detection.past_rr from `yjsim params` (the parameter table's defaults)."""
    table = subprocess.run([yjsim, "params"], check=True, capture_output=True, text=True).stdout
    found = {}
    for name in ("detection.probability", "detection.past_rr"):
        row = next(line for line in table.splitlines() if line.startswith(f"| `{name}` |"))
        found[name] = [float(x) for x in row.split("|")[4].split(",")]
    return found["detection.probability"][0], found["detection.past_rr"]


def published(*series):
    """{year ending March: value} of the first of these series of data/published_figures.csv that has the year
    (periods written "year ending March 2019" or "2013/14")."""
    out = {}
    with open(os.path.join(ROOT, "data", "published_figures.csv"), newline="") as f:
        rows = [row for row in csv.reader(f) if len(row) > 4 and row[4] == "England and Wales"]
    for name in reversed(series):
        for row in rows:
            march = re.fullmatch(r"year ending March (\d{4})", row[3])
            fy = re.fullmatch(r"(\d{4})/\d{2}", row[3])
            if row[0] == name and (march or fy):
                out[int(march.group(1)) if march else int(fy.group(1)) + 1] = float(row[1])
    return out


def set_key(text, section, key, value):
    """text with `key = value` in [section] (replaced if present, added at the section's end if not)."""
    lines, out, inside, done = text.splitlines(), [], False, False
    for line in lines:
        if line.strip().startswith("["):
            if inside and not done:
                out.append(f"{key} = {value}")
                done = True
            inside = line.strip() == f"[{section}]"
        elif inside and re.match(rf"\s*{re.escape(key)}\s*=", line):
            if not done:
                out.append(f"{key} = {value}")
                done = True
            continue
        out.append(line)
    if not done:
        if not inside:
            out.append(f"[{section}]")
        out.append(f"{key} = {value}")
    return "\n".join(out) + "\n"


def first_year(yjsim, path, replicates):
    """(FTEs per 100k, children cautioned or sentenced) in the first reported year, from `yjsim targets`."""
    text = subprocess.run([yjsim, "targets", path, "--replicates", str(replicates)], check=True,
                          capture_output=True, text=True).stdout
    def simulated(label):
        line = next(l for l in text.splitlines() if l.startswith(label))
        return float(line[len(label):].split()[1])
    return simulated("FTE rate per 100k"), simulated("children cautioned or sentenced ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=os.path.join(ROOT, "scenarios", "england_wales_2018.toml"))
    ap.add_argument("--replicates", type=int, default=2)
    ap.add_argument("--population", type=int, default=1000000, help="children aged 10-17 (0: the scenario's)")
    ap.add_argument("--yjsim", default=os.environ.get("YJSIM", os.path.join(ROOT, "build", "apps", "yjsim")))
    args = ap.parse_args()
    with open(args.scenario, "rb") as f:
        scenario = tomllib.load(f)
    text = open(args.scenario).read()
    if args.population:
        text = set_key(text, "population", "size_10_17", str(args.population))
    p0, past = defaults(args.yjsim)
    detection = scenario.get("detection", {})
    p0, past = detection.get("probability", p0), detection.get("past_rr", past)
    year, month = (int(x) for x in scenario["run"]["start"].split("-"))
    end_march = year + 1 if month >= 4 else year  # the first reported year ends in March of this year
    fte, sanctioned = published("First time entrants (FTEs) aged 10-17", "First time entrants"), \
        published("Children cautioned or sentenced (YOT-recorded)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(6):  # start k years earlier: its year 0 is the scenario's year -k
            ratio = 1.0 if k == 0 else past[k - 1]
            shifted = [past[min(j + k, len(past) - 1)] / ratio for j in range(len(past))]
            t = set_key(text, "run", "start", f'"{year - k}-{month:02d}"')
            t = set_key(t, "detection", "probability", repr(p0 * ratio))
            t = set_key(t, "detection", "past_rr", "[" + ", ".join(repr(x) for x in shifted) + "]")
            path = os.path.join(tmp, f"start{k}.toml")
            open(path, "w").write(t)
            rows.append(first_year(args.yjsim, path, args.replicates))
    print(f"{args.scenario}: first-year figures with the start moved back (mean of {args.replicates} replicates)")
    print("year ending March   FTE ratio (published)   cautioned or sentenced ratio (published)")
    for k, (f, c) in enumerate(rows):
        y = end_march - k
        def ratio(series):  # the published ratio to the first year, or "-" where the series has no figure
            return f"{series[y] / series[end_march]:5.3f}" if y in series and end_march in series else "    -"
        print(f"{y:>17}   {f / rows[0][0]:9.3f} ({ratio(fte)})   {c / rows[0][1]:22.3f} ({ratio(sanctioned)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
