#!/usr/bin/env python3
"""Makes the national search's fitted values (scripts/calibrate_national.sh's calibrate_national.toml) the
parameter table's defaults: each changed value, rounded to 4 significant figures, replaces the default in
models/parameters.cpp, whose source then names the search and the version 1 value; and
scenarios/england_wales_2018_v1.toml gains the version 1 value of every key it does not yet set, so that it
still runs version 1 by values alone. Prints what it changed. Usage (from the repository's folder):
    scripts/adopt_national.py calibrate_national.toml [--write]
Without --write it only prints the changes. Then regenerate docs/parameters.md (`yjsim params`) and
scenarios/default.toml's list (`yjsim params --toml`)."""
import re
import sys
import tomllib

SKIP_SECTIONS = {"run", "population"}  # the search's scale and horizon, not defaults
ROW = re.compile(r'(\{"(?P<name>[a-z_0-9.]+)", "(?:[^"\\]|\\.)*", [^,]+, [^,]+, )\{(?P<vals>[^}]*)\}, "(?P<src>(?:[^"\\]|\\.)*)"')
SOURCE = "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2)"


def sig4(x):
    return float(f"{x:.4g}")


def text(x):
    return repr(float(x)).removesuffix(".0") if float(x) == int(x) and abs(x) < 1e15 else repr(float(x))


def main():
    fitted_path, write = sys.argv[1], "--write" in sys.argv
    with open(fitted_path, "rb") as f:
        fitted = tomllib.load(f)
    src = orig = open("models/parameters.cpp").read()
    rows = {m["name"]: m for m in ROW.finditer(src)}
    v1_path = "scenarios/england_wales_2018_v1.toml"
    v1_text = open(v1_path).read()
    v1 = tomllib.loads(v1_text)
    additions = {}
    for section, table in fitted.items():
        if section in SKIP_SECTIONS or not isinstance(table, dict):
            continue
        for key, value in table.items():
            name = f"{section}.{key}"
            if name not in rows:
                continue
            old = [float(v) for v in rows[name]["vals"].split(",")]
            new = [sig4(v) for v in (value if isinstance(value, list) else [value])]
            m = rows[name]
            line = orig[m.start():orig.index("\n", m.start())]
            if "Check::Probabilities" in line:  # 4 decimals, the largest share taking up the rounding: sum 1
                new = [round(v, 4) for v in (value if isinstance(value, list) else [value])]
                big = max(range(len(new)), key=lambda i: new[i])
                new[big] = round(1 - sum(v for i, v in enumerate(new) if i != big), 4)
            if new == old:
                continue
            m = rows[name]
            old_text = ", ".join(text(v) for v in old)
            old_src = m["src"]
            if old_src.startswith(SOURCE):  # adopted before: keep version 1's value and source
                old_src = re.sub(r"^" + re.escape(SOURCE) + "; ", "", old_src)
                if not old_src.startswith("version 1:"):
                    old_text, old_src = re.match(r"version 1: (.*?) \((.*)\)$", old_src).groups()
            # The version 1 value keeps its own source; the new mechanisms' sources already name version 1.
            new_src = (f"{SOURCE}; {old_src}" if old_src.startswith("version 1:")
                       else f"{SOURCE}; version 1: {old_text} ({old_src})")
            row = m.group(0)
            new_row = f'{m.group(1)}{{{", ".join(text(v) for v in new)}}}, "{new_src}"'
            src = src.replace(row, new_row)
            print(f"{name}: {old_text} -> {', '.join(text(v) for v in new)}")
            if key not in v1.get(section, {}):
                additions.setdefault(section, []).append(
                    f"{key} = {old_text if len(old) == 1 else '[' + old_text + ']'}")
    for section, lines in additions.items():
        print(f"{v1_path} [{section}] gains: " + "; ".join(lines))
        header = f"[{section}]\n"
        if header in v1_text:
            v1_text = v1_text.replace(header, header + "".join(l + "\n" for l in lines), 1)
        else:
            v1_text += f"\n{header}" + "".join(l + "\n" for l in lines)
    if write:
        open("models/parameters.cpp", "w").write(src)
        open(v1_path, "w").write(v1_text)


main()
