#!/usr/bin/env bash
# Issue 16, item 7: python/yjsim.py (h5py + pandas) and R/yjsim.R (hdf5r) read a run, a sweep and a tracker file
# into tidy data frames whose numbers are yjsim's own (summary_by_quarter.csv), and draw the fan chart.
set -euo pipefail
yjsim="$1"; src="$2"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAILED: $*"; exit 1; }
/usr/bin/python3 -c "import h5py, pandas, matplotlib" 2>/dev/null && command -v Rscript > /dev/null && Rscript -e "library(hdf5r)" > /dev/null 2>&1 ||
  fail "the readers' test needs Debian's python3-h5py python3-pandas python3-matplotlib r-cran-hdf5r (.ci/run installs them)"
"$yjsim" run "$src/tests/fixtures/golden.toml" --replicates 6 -q -o run.h5 --csv csv
cat > sweep.toml <<TOML
base = "$src/tests/fixtures/golden.toml"
design = "list"
replicates = 2
[[axis]]
parameter = "offending.base_rate"
values = [0.03, 0.05]
TOML
"$yjsim" sweep sweep.toml -o sweep.h5 -q
"$yjsim" track --make-example ex -q
"$yjsim" track ex/children.csv ex/events.csv --as-of 2020-12-31 --draws 20 --reference-replicates 1 -o track.h5 -q

/usr/bin/python3 - "$src/python" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import pandas as pd
import yjsim
runs = yjsim.read_run("run.h5")
assert set(runs.columns) >= {"variant", "replicate", "kpi", "period", "label", "value", "unit"}
s = yjsim.summary(runs)
want = pd.read_csv("csv/summary_by_quarter.csv")
want = want[want.statistic.isin(["mean", "p5", "p95"])].pivot_table(
    index=["variant", "kpi", "period"], columns="statistic", values="value").reset_index()
got = s.merge(want, left_on=["variant", "kpi", "label"], right_on=["variant", "kpi", "period"], suffixes=("", "_yj"))
assert len(got) == len(want) > 100, (len(got), len(want))
for col in ("mean", "p5", "p95"):
    a, b = got[col], got[col + "_yj"]
    assert (((a - b).abs() <= 1e-9 * (1 + b.abs())) | (a.isna() & b.isna())).all(), col
assert len(yjsim.read_run("run.h5", diff=True)) > 0
sw = yjsim.read_sweep("sweep.h5")
assert list(sw["parameters"].columns) == ["point", "offending.base_rate"] and len(sw["parameters"]) == 2
assert {"prcc", "prcc_p5", "prcc_p95"} <= set(sw["sensitivity"].columns)
assert set(sw["summary"].statistic) >= {"mean", "diff_mean"}
tr = yjsim.read_track("track.h5")
assert len(tr) == 8 and "binary_mean" in tr.columns, tr.columns
yjsim.fan_chart(runs, "reoffences", "fan.png")
print("python reader: run (matches summary_by_quarter.csv), sweep, track, fan chart")
PY
[ -s fan.png ] || fail "no python fan chart"

Rscript - "$src/R/yjsim.R" <<'R'
args <- commandArgs(trailingOnly = TRUE)
source(args[1])
runs <- yjsim_read_run("run.h5")
s <- yjsim_summary(runs)
want <- read.csv("csv/summary_by_quarter.csv", stringsAsFactors = FALSE)
want <- want[want$statistic == "mean", c("variant", "kpi", "period", "value")]
m <- merge(s, want, by.x = c("variant", "kpi", "label"), by.y = c("variant", "kpi", "period"))
stopifnot(nrow(m) == nrow(want), nrow(m) > 100)
ok <- (is.na(m$mean) & is.na(m$value)) | abs(m$mean - m$value) <= 1e-9 * (1 + abs(m$value))
stopifnot(all(ok))
sw <- yjsim_read_sweep("sweep.h5")
stopifnot(nrow(sw$parameters) == 2, "prcc_p95" %in% names(sw$sensitivity))
tr <- yjsim_read_track("track.h5")
stopifnot(nrow(tr) == 8, "binary_mean" %in% names(tr))
yjsim_fan_chart(runs, "reoffences", "fan_r.png")
cat("R reader: run (matches summary_by_quarter.csv), sweep, track, fan chart\n")
R
[ -s fan_r.png ] || fail "no R fan chart"
