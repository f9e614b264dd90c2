#!/usr/bin/env bash
# Issue 16, the researcher's outputs end to end: the tidy CSV and JSON hold the printed table's numbers; the
# per-replicate table has 1-based years and no difference on baseline rows; `yjsim compare`; `sweep --csv`,
# --seed, --replicates; each sweep point's resolved scenario reruns to the same KPIs; --resume refuses a
# changed sweep; an output folder that does not exist is refused (run, report, calibrate, track).
set -euo pipefail
yjsim="$1"
fixture="$2"  # tests/fixtures/golden.toml: small, self-contained, with a variant
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAILED: $*"; exit 1; }

"$yjsim" run "$fixture" --replicates 12 --seed 5 -o a.h5 --csv csv --json a.json > table.txt
/usr/bin/python3 - table.txt csv a.json <<'PY'
import csv, json, math, re, sys
table, folder, js = sys.argv[1:4]
rows = list(csv.DictReader(open(folder + "/summary.csv")))
assert rows and list(rows[0].keys()) == ["variant", "kpi", "period", "year", "statistic", "value", "unit"], rows[0].keys()
# The printed table's formatting (report/text_table.cpp): whole numbers bare, >= 1000 rounded, else 4 figures.
def fmt(x):
    if x == "NaN": return "NaN"
    x = float(x)
    if abs(x) < 1e-9: x = 0.0
    if x == math.floor(x) and abs(x) < 1e15: return "%.0f" % x
    return "%.0f" % x if abs(x) >= 1000 else "%.4g" % x
val = {(r["variant"], r["kpi"], int(r["year"]), r["statistic"]): r["value"] for r in rows}
# Every cell of every variant's own table (mean [p5, p95]) is in summary.csv.
cells, variant = 0, None
for line in open(table):
    m = re.match(r"^== (\S+?)(:.*)? ==$", line.strip())
    if m: variant = m.group(1); continue
    if line.startswith("-- "): variant = None
    parts = re.findall(r"(\S+) \[(\S+), (\S+)\]", line)
    name = line.split(" ")[0]
    if variant and parts and not line.startswith(" "):
        for y, (mean, p5, p95) in enumerate(parts, start=1):
            got = (fmt(val[(variant, name, y, "mean")]), fmt(val[(variant, name, y, "p5")]), fmt(val[(variant, name, y, "p95")]))
            assert got == (mean, p5, p95), (variant, name, y, got, (mean, p5, p95))
            cells += 1
assert cells > 100, cells
# Baseline rows have no paired difference; variants do; years are 1-based.
stats = {r["statistic"] for r in rows if r["variant"] == "baseline"}
assert stats == {"mean", "p5", "p50", "p95"}, stats
assert "diff_mean" in {r["statistic"] for r in rows if r["variant"] != "baseline"}
assert min(int(r["year"]) for r in rows) == 1
# The JSON summary holds the same rows.
j = json.load(open(js))
assert j["format"] == "yjsim-summary" and j["replicates"] == 12 and j["seed"] == 5
assert len(j["by_year"]) == len(rows)
for a, b in zip(j["by_year"], rows):
    assert a[:5] == [b["variant"], b["kpi"], b["period"], int(b["year"]), b["statistic"]], (a, b)
    assert (a[5] is None and b["value"] == "NaN") or float(b["value"]) == a[5], (a, b)
# Per replicate: 1-based years, the difference empty on baseline rows and given on the variant's.
reps = list(csv.DictReader(open(folder + "/replicates_by_year.csv")))
assert all(r["difference"] == "" for r in reps if r["variant"] == "baseline")
assert all(r["difference"] != "" for r in reps if r["variant"] != "baseline")
assert {int(r["year"]) for r in reps} == {1, 2} and {int(r["replicate"]) for r in reps} == set(range(12))
print("summary.csv: %d printed cells reproduced; JSON and replicates_by_year.csv consistent" % cells)
PY

# compare: a file against itself is a difference of exactly 0; against another seed, unpaired.
"$yjsim" compare a.h5 a.h5 --csv same.csv > cmp.txt
grep -q "paired by replicate" cmp.txt || fail "compare of one seed is not paired: $(head -5 cmp.txt)"
/usr/bin/python3 -c "
import csv; rows = list(csv.DictReader(open('same.csv')))
assert rows and all(float(r['difference_mean']) == 0 for r in rows if r['difference_mean'] != 'NaN'), 'nonzero'"
"$yjsim" run "$fixture" --replicates 12 --seed 6 -o b.h5 -q
"$yjsim" compare a.h5 b.h5 --variant more > cmp2.txt
grep -q "as independent runs" cmp2.txt || fail "compare of two seeds is not unpaired"
grep -q "^fte_count" cmp2.txt || fail "compare printed no fte_count row"
set +e
"$yjsim" compare a.h5 b.h5 --variant nonesuch > /dev/null 2> err.txt; code=$?
set -e
[ "$code" = 2 ] && grep -q "one of the file's variants" err.txt || fail "an unknown variant: exit $code $(cat err.txt)"

# An output folder that does not exist is an error (exit 2), and nothing is created.
set +e
"$yjsim" run "$fixture" --replicates 2 -q -o no_such_folder/out.h5 2> err.txt; code=$?
set -e
[ "$code" = 2 ] && grep -q "does not exist" err.txt && [ ! -e no_such_folder ] || fail "a missing -o folder: exit $code $(cat err.txt)"
# The same for the board pack, calibrate and the tracker (they once created the folder silently).
src=$(cd "$(dirname "$fixture")/../.." && pwd)
refused() {  # LABEL COMMAND...: exit 2, "does not exist", no folder made
  local label=$1
  shift
  set +e
  "$@" 2> err.txt; code=$?
  set -e
  [ "$code" = 2 ] && grep -q "does not exist" err.txt && [ ! -e no_such_folder ] || fail "$label: exit $code $(cat err.txt)"
}
refused "report -o" "$yjsim" report "$fixture" --replicates 2 -o no_such_folder/board.html
refused "calibrate -o" "$yjsim" calibrate "$src/scenarios/calibration/bromley.targets.toml" -o no_such_folder/c.toml
extract="$src/data/examples/track"
refused "track -o" "$yjsim" track "$extract/children.csv" "$extract/events.csv" --as-of 2020-12-31 -q -o no_such_folder/t.h5
refused "track --csv" "$yjsim" track "$extract/children.csv" "$extract/events.csv" --as-of 2020-12-31 -q --csv no_such_folder/csv/

# A sweep: --csv, --seed and --replicates; every point's resolved scenario reruns to the point's KPIs.
cat > sweep.toml <<TOML
base = "$fixture"
design = "list"
replicates = 3
[[axis]]
parameter = "offending.base_rate"
values = [0.03, 0.05]
TOML
"$yjsim" sweep sweep.toml -o s.h5 --csv scsv --seed 9 --replicates 4 -q
/usr/bin/python3 - <<'PY'
import csv, h5py
rows = list(csv.DictReader(open("scsv/summary.csv")))
assert list(rows[0].keys())[:2] == ["point", "offending.base_rate"], rows[0].keys()
assert {r["point"] for r in rows} == {"0", "1"} and {r["offending.base_rate"] for r in rows} == {"0.029999999999999999", "0.050000000000000003"}
params = list(csv.DictReader(open("scsv/parameters.csv")))
assert len(params) == 2
with h5py.File("s.h5", "r") as f:
    assert f.attrs["seed"] == 9 and f.attrs["replicates"] == 4
    toml = f["sweep/scenario_resolved_toml"][1]
    toml = toml.decode() if isinstance(toml, bytes) else toml
    open("point1.toml", "w").write(toml)
    want = f["sweep/variants/baseline/kpi/reoffences"][1]
open("want.txt", "w").write(repr(want.tolist()))
PY
"$yjsim" run point1.toml -o p1.h5 -q --seed 9 --replicates 4
/usr/bin/python3 - <<'PY'
import h5py, ast
want = ast.literal_eval(open("want.txt").read())
with h5py.File("p1.h5", "r") as f:
    got = f["variants/baseline/kpi/reoffences"][:].tolist()
assert got == want, (got, want)
print("sweep point 1's resolved scenario reruns to the same reoffences, replicate by replicate")
PY

# A run over a sweep's file (or a sweep over a run's) warns before replacing it.
"$yjsim" run "$fixture" --replicates 2 -q -o s.h5 2> err.txt
grep -q "holds the results of a yjsim sweep" err.txt || fail "no warning replacing a sweep file: $(cat err.txt)"

# --resume refuses saved points of a sweep file that has changed since (exit 2), and keeps them.
# Saved points without a results file: the file's write fails as on a full disk (io/atomic_file.h).
set +e
YJSIM_FAULT_CLOSE=kept.h5 "$yjsim" sweep sweep.toml -o kept.h5 -q 2> err.txt; code=$?
set -e
[ "$code" = 1 ] && ls kept.h5.parts/point_* > /dev/null || fail "no saved points after a failed write: exit $code $(cat err.txt)"
sed -i 's/values = \[0.03, 0.05\]/values = [0.03, 0.06]/' sweep.toml
set +e
"$yjsim" sweep sweep.toml -o kept.h5 -q --resume 2> err.txt; code=$?
set -e
[ "$code" = 2 ] && grep -q "made by a different sweep" err.txt || fail "a changed sweep resumed: exit $code $(cat err.txt)"
ls kept.h5.parts/point_* > /dev/null || fail "the refused resume removed the saved points"
# Morris trajectories instead of the file's design; an external design from a CSV file; PRCC intervals.
cat > morris.toml <<TOML
base = "$fixture"
design = "lhs"
points = 4
replicates = 2
[[axis]]
parameter = "offending.base_rate"
from = 0.03
to = 0.05
[[axis]]
parameter = "offending.propensity_sigma"
from = 2.2
to = 3.0
TOML
"$yjsim" sweep morris.toml -o m.h5 --morris 3 --csv mcsv -q
/usr/bin/python3 - <<'PY'
import csv, h5py
with h5py.File("m.h5", "r") as f:
    assert f["sweep"].attrs["design"] == "morris", f["sweep"].attrs["design"]
    p = f["sweep/parameters"][:]
    assert p.shape == (9, 2), p.shape                       # 3 trajectories x (2 axes + 1)
    for t in range(3):                                       # each step moves exactly one axis
        for s in range(2):
            a, b = p[t * 3 + s], p[t * 3 + s + 1]
            assert sum(abs(a - b) > 1e-12) == 1, (a, b)
    m = f["sweep/variants/baseline/morris/reoffences"][:]
    assert m.shape == (2, 3) and (m[:, 1] >= abs(m[:, 0]) - 1e-9).all(), m   # mu* >= |mu|
    ci = f["sweep/variants/baseline/sensitivity_interval/reoffences"][:]
    assert ci.shape == (2, 2)
rows = list(csv.DictReader(open("mcsv/sensitivity.csv")))
assert "morris_mu_star" in rows[0] and len(rows) > 50, rows[0]
print("--morris: 9 points in 3 trajectories, effects and PRCC intervals stored")
PY
"$yjsim" sweep morris.toml -o so.h5 --sobol 3 --csv socsv -q
/usr/bin/python3 - <<'PY'
import csv, h5py
with h5py.File("so.h5", "r") as f:
    assert f["sweep"].attrs["design"] == "sobol"
    p = f["sweep/parameters"][:]
    assert p.shape == (12, 2), p.shape                      # 3 base points x (2 axes + 2): A, B, AB_1, AB_2
    assert (p[6:9, 0] == p[3:6, 0]).all() and (p[6:9, 1] == p[0:3, 1]).all()   # AB_1: A with column 1 from B
    assert f["sweep/variants/more/sobol/reoffences"].shape == (2, 2)
assert "sobol_total" in next(csv.DictReader(open("socsv/sensitivity.csv")))
print("--sobol: a Saltelli design of 12 points, indices stored")
PY
printf 'offending.propensity_sigma,offending.base_rate\n2.5,0.04\n2.9,0.035\n' > points.csv
"$yjsim" sweep morris.toml -o d.h5 --design-file points.csv -q
/usr/bin/python3 -c "
import h5py
with h5py.File('d.h5', 'r') as f:
    p = f['sweep/parameters'][:].tolist()
    assert p == [[0.04, 2.5], [0.035, 2.9]], p
    assert f['sweep'].attrs['design'] == 'file'"
printf 'offending.base_rate,offending.propensity_sigma\n0.04,2.5\n0.04,lots\n' > bad.csv
set +e
"$yjsim" sweep morris.toml -o d2.h5 --design-file bad.csv -q 2> err.txt; code=$?
set -e
[ "$code" = 2 ] && grep -q "bad.csv" err.txt && grep -q "3" err.txt && grep -q "lots" err.txt || fail "a bad design file: exit $code $(cat err.txt)"

echo "researcher outputs: tidy CSV, JSON, compare, sweep CSV and provenance, resume and folder checks all pass"
