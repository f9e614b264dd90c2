#!/usr/bin/env bash
# The version 2 calibration search of the national model (docs/calibration.md; not yet adopted as the defaults,
# for the reasons given there): three rounds of
# `yjsim targets --fit` from the version 1 scenario, at 1,000,000 children aged 10-17 (a fifth of England and
# Wales: counts are scaled by population), each round starting from the previous round's fitted values.
# About 25 minutes on 2 cores. Prints each round's fitted values and target table; writes the last round's
# fitted scenario to calibrate_national.toml (in this folder).
set -euo pipefail
Y=${YJSIM:-./build/apps/yjsim}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed 's/^size_10_17 = 5360653.*/size_10_17 = 1000000/' "$here/scenarios/england_wales_2018_v1.toml" > "$work/round0.toml"
age="--fit offending.age_rr[2]:0.03:0.3 --fit offending.age_rr[3]:0.05:0.5 --fit offending.age_rr[4]:0.05:0.8
     --fit offending.age_rr[5]:0.4:1.2 --fit offending.age_rr[6]:0.6:1.4"
round() {  # round N, replicates, budget, fit flags...
  local n=$1 reps=$2 budget=$3
  shift 3
  "$Y" targets "$work/round$((n - 1)).toml" -q --replicates "$reps" --budget "$budget" "$@" > "$work/round$n.out"
  sed -n '/^Fitted/,/^$/p;/^Calibration check/,$p' "$work/round$n.out"
  sed -n '/^# Scenario written by yjsim/,/^Calibration check/p' "$work/round$n.out" | sed '$d' > "$work/round$n.toml"
}
# shellcheck disable=SC2086
round 1 2 300 $age --fit offending.base_rate:0.025:0.06 --fit 'outcome.cautioned[4]:0.5:0.95' \
  --fit 'outcome.convicted[4]:0.6:0.97' --fit 'court.custody_age_rr[0:5]:0.05:1' --fit 'court.dto_weights[0]:0.02:0.5' \
  --fit court.long_extra_months_mean:5:40 --fit court.join_pending:0.05:0.6 --fit offending.propensity_sigma:1.5:3.0
# shellcheck disable=SC2086
round 2 1 350 $age --fit offending.base_rate:0.025:0.06 --fit 'outcome.cautioned[4]:0.2:0.95' \
  --fit 'outcome.cautioned[2]:0.005:0.3' --fit 'outcome.convicted[4]:0.5:0.97' --fit 'outcome.convicted[2]:0.001:0.2' \
  --fit 'court.custody_age_rr[0:5]:0.05:1' --fit 'court.custody_age_rr[6:7]:1:3' --fit 'court.dto_weights[0]:0.001:0.5' \
  --fit court.long_extra_months_mean:5:40 --fit court.join_pending:0.01:0.6 --fit offending.propensity_sigma:1.5:3.0 \
  --fit desistance.per_outcome:0.2:0.7 --fit 'court.sentence_first[0]:0.05:0.4'
# shellcheck disable=SC2086
round 3 1 260 $age --fit 'outcome.cautioned[4]:0.2:0.95' --fit 'outcome.cautioned[2]:0.005:0.3' \
  --fit 'outcome.convicted[4]:0.5:0.97' --fit 'outcome.convicted[2]:0.001:0.2' --fit 'court.custody_age_rr[0:5]:0.05:1' \
  --fit 'court.custody_age_rr[6:7]:1:3' --fit court.long_extra_months_mean:5:40 --fit court.join_pending:0.01:0.6 \
  --fit desistance.per_outcome:0.2:0.7 --fit 'court.sentence_first[0]:0.05:0.4' --fit 'court.sentence_repeat[3]:0.02:0.3' \
  --fit 'court.sentence_first[3]:0.002:0.1' --fit court.mean_delay_months:2:8
cp "$work/round3.toml" calibrate_national.toml
echo "Fitted scenario written to calibrate_national.toml"
