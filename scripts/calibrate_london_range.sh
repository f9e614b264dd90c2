#!/usr/bin/env bash
# The back-test of `yjsim calibrate` across the published London range (issue 11, "for any London service in the
# published 2016 range"; docs/calibration.md "Across the London range"): fits Bromley, Westminster and the two
# corners of the range (scenarios/calibration/london_top.targets.toml, london_bottom.targets.toml) with the
# command's defaults, one after another, and prints one table: each target, the calibrated model's mean and 90%
# interval, and whether the mean is within +-3 points (binary rate) or +-10% (frequency, reoffences per
# reoffender) of the published figure; for a miss, the fit report's verdict (reachable, with the miss as a share
# of one year's sampling sd of the figure, or not reached: docs/calibration.md "Missed figures"). Other targets
# (first time entrants, the held-out custody check) are shown with their miss but are not the criterion. One to two minutes a fit on a 2-core machine.
#
#   scripts/calibrate_london_range.sh [--update] [--resume]
#
# The fitted scenarios, reports and timings go to calibrate_london_range/ in the current folder (YJSIM_LONDON_DIR
# to change it). --update writes Bromley's and Westminster's calibrated scenarios over the bundled ones
# (scenarios/calibration/bromley.toml, westminster.toml: after a change of the model's defaults); the corners are
# never bundled. --resume keeps every finished fit and continues an interrupted one from its last stage (`yjsim
# calibrate --resume`), so an interrupted back-test resumed gives the same table as an uninterrupted one.
set -euo pipefail
Y=${YJSIM:-./build/apps/yjsim}
here=$(cd "$(dirname "$0")/.." && pwd)
# Run from the repository's folder (as the docs do), the files name the targets by relative paths, so that the
# bundled calibrated scenarios record no folder of this machine.
root="$here/"
[ "$(pwd -P)" = "$(cd "$here" && pwd -P)" ] && root=""
dir=${YJSIM_LONDON_DIR:-calibrate_london_range}
update=0 resume=0
for a in "$@"; do
  case "$a" in
    --update) update=1 ;;
    --resume) resume=1 ;;
    *) echo "usage: $0 [--update] [--resume]" >&2; exit 2 ;;
  esac
done
[ -x "$Y" ] || { echo "$0: no yjsim at $Y (build it, or set YJSIM)" >&2; exit 2; }
mkdir -p "$dir"
areas=(bromley westminster london_top london_bottom)

output_of() {  # the calibrated scenario's path for an area
  if [ "$update" = 1 ] && { [ "$1" = bromley ] || [ "$1" = westminster ]; }; then
    echo "${root}scenarios/calibration/$1.toml"
  else
    echo "$dir/$1.toml"
  fi
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for area in "${areas[@]}"; do
  targets="${root}scenarios/calibration/$area.targets.toml"
  report="$dir/$area.report"
  # A finished fit (its report is written last, whole) is kept by --resume unless its targets file, the scenario
  # the targets fit or the yjsim binary is newer (a changed model or default must be refitted).
  if [ "$resume" = 1 ] && [ -s "$report" ] && [ "$report" -nt "$targets" ] &&
    [ "$report" -nt "${root}scenarios/default.toml" ] && [ "$report" -nt "$Y" ]; then
    echo "$area: kept the finished fit ($report)"
    continue
  fi
  flags=()
  [ "$resume" = 1 ] && flags+=(--resume)
  echo "$area: fitting $targets"
  start=$(date +%s.%N)
  "$Y" calibrate "$targets" -o "$(output_of "$area")" "${flags[@]}" > "$report.partial"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f\n", b - a }' > "$dir/$area.seconds"
  cut -d' ' -f1-3 /proc/loadavg > "$dir/$area.load"
  mv "$report.partial" "$report"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table, from each fit report's target lines (report/fit_report.cpp: fixed columns of 44, 18, 10, 10, 12 and
# 21 characters, then the verdict).
echo
rm -f "$dir/.counts"
printf '%-13s %-27s %-17s %9s %9s  %-19s %9s  %s\n' area target period published "fit mean" "model 90%" miss criterion
for area in "${areas[@]}"; do
  awk -v area="$area" '
    /^target  / { on = 1; next }
    /^Model: / { on = 0 }
    on && NF {
      kpi = substr($0, 1, 44); period = substr($0, 46, 18); pub = substr($0, 65, 10); mean = substr($0, 76, 10)
      miss = substr($0, 87, 12); range = substr($0, 100, 21); rest = substr($0, 123)
      gsub(/^ +| +$/, "", kpi); gsub(/^ +| +$/, "", period); gsub(/^ +| +$/, "", pub); gsub(/^ +| +$/, "", mean)
      gsub(/^ +| +$/, "", miss); gsub(/^ +| +$/, "", range)
      m = miss; gsub(/[^-+0-9.]/, "", m); m = m + 0; a = m < 0 ? -m : m
      if (kpi == "reoffending_binary_rate") verdict = a <= 3 ? "within +-3 points" : "NOT within +-3 points"
      else if (kpi == "reoffending_frequency_rate" || kpi == "reoffences_per_reoffender")
        verdict = a <= 10 ? "within +-10%" : "NOT within +-10%"
      else verdict = "(not a criterion)"
      if (rest ~ /held out/) verdict = verdict " held out"
      if (verdict !~ /not a criterion/) { n++; ok += (verdict ~ /^within/) }
      rows++; key[rows] = kpi " " period; verdicts[rows] = verdict
      line[rows] = sprintf("%-13s %-27s %-17s %9s %9s  %-19s %9s  ", area, kpi, period, pub, mean, range, miss)
    }
    # The verdict of the fit report on a missed figure: reachable or not, the miss against the sd of one year.
    /^The calibrated mean against the figure/ { judged = 1; next }
    judged && /^  [a-z]/ {
      k = $1 " " $2; text = $0; sub(/^ +[^ ]+ +[^ ]+ +/, "", text)
      if (text ~ /^missed but reachable/) { sub(/^.*draws meet it; /, "", text); said[k] = "reachable; " text }
      else if (text ~ /^not reached/) said[k] = "not reached"
    }
    judged && !NF { judged = 0 }
    END {
      for (i = 1; i <= rows; i++)
        print line[i] verdicts[i] (verdicts[i] ~ /^NOT/ && key[i] in said ? " (" said[key[i]] ")" : "")
      printf "%d %d\n", n, ok >> counts
    }' counts="$dir/.counts" "$dir/$area.report"
done
read -r n ok < <(awk '{ n += $1; ok += $2 } END { print n + 0, ok + 0 }' "$dir/.counts")
rm -f "$dir/.counts"
echo
echo "$ok of $n binary and frequency targets within their criterion."
for area in "${areas[@]}"; do
  [ -s "$dir/$area.seconds" ] &&
    echo "$area: $(cat "$dir/$area.seconds") s (load average after: $(cat "$dir/$area.load"))"
done
echo "Reports and fitted scenarios: $dir/ (Bromley and Westminster: $(output_of bromley), $(output_of westminster))"
