#!/usr/bin/env bash
# The version 2 search of the national model, whose end point is the parameter table's defaults (docs/model.md
# "Version 1 and version 2"; scripts/adopt_national.py copies it into models/parameters.cpp). Ten rounds of
# `yjsim targets --fit` (NLopt Subplex on the squared misses in half-tolerances, common random numbers) at
# 1,000,000 children aged 10-17 (a fifth of England and Wales: targets are scaled by population), each round
# starting from the previous round's fitted values; between rounds 2 and 3 the post-event rate is set to 0 by hand
# (Subplex left it at 0.2, where the binary rate is 41%), before round 5 the persistent group is switched on at a
# grid's best point, and before round 9 two values are set by hand and the fall in sanctions before the start is
# switched on (below, each with its reason). The start is version 1 with the version 2 mechanisms switched on at
# first guesses. 11.5 minutes on a quiet 2-core machine, 25-45 under load (1,380 runs of one replicate at a fifth,
# 80 of four, 240 of two; 150 of one at full scale). Prints each round's fitted values and target table; writes the fitted scenario to
# calibrate_national.toml (in the current folder); check it at full scale with
#   sed -e 's/^size_10_17 = 1000000/size_10_17 = 5360653/' calibrate_national.toml > v2.toml &&
#     ./build/apps/yjsim targets v2.toml --breakdowns --replicates 4
set -euo pipefail
Y=${YJSIM:-./build/apps/yjsim}
# CALIBRATE_WORK=DIR keeps each round's scenario and output in DIR; a re-run with the same DIR skips the rounds
# already done (the rounds are deterministic, so this resumes an interrupted search with the same result).
if [ -n "${CALIBRATE_WORK:-}" ]; then
  work=$CALIBRATE_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
set_key() {  # FILE SECTION KEY VALUE: sets key = value in [SECTION], adding the key (or section) if absent
  awk -v sec="[$2]" -v key="$3" -v val="$4" '
    function put() { print key " = " val; done = 1 }
    $0 == sec { insec = 1; print; next }
    /^\[/ { if (insec && !done) put(); insec = 0 }
    insec && $1 == key && $2 == "=" { if (!done) put(); next }
    { print }
    END { if (!done) { if (!insec) print sec; put() } }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}
# Round 0: version 1 (scenarios/england_wales_2018_v1.toml pins every value that version 2 changed, so the search
# starts from the same point whatever the table's defaults are) at a fifth of the population, one replicate, with
# the version 2 mechanisms switched on at first guesses.
r0=$work/round0.toml
sed -e 's/^size_10_17 = 5360653.*/size_10_17 = 1000000   # a fifth of England and Wales (5,360,653, ONS mid-2018)/' \
  -e 's/^replicates = 4$/replicates = 1/' "$(dirname "$0")/../scenarios/england_wales_2018_v1.toml" > "$r0"
set_key "$r0" offending base_rate 0.056
# Onset later than version 1's assumed split of the 10-14 band (children cautioned or sentenced aged 10-14 were
# +37% in version 1):
set_key "$r0" offending age_rr "[0.016, 0.04, 0.08, 0.144, 0.256, 0.62, 0.89, 1.00, 0.95, 0.85, 0.75, 0.65, 0.65, 0.65, 0.65]"
set_key "$r0" offending post_event_rr 0.2
set_key "$r0" outcome cautioned "[0.02, 0.02, 0.08, 0.23, 0.65]"   # repeat out-of-court disposals (no escalator since 2013)
set_key "$r0" outcome convicted "[0.02, 0.02, 0.01, 0.03, 0.92]"
set_key "$r0" court remand_credit 1                                 # the law: time on remand counts towards custody
set_key "$r0" court dto_weights "[0.15, 0.2, 0.15, 0.1, 0.2, 0.1, 0.1]"   # longer terms: average custodial sentence 17.7 months
set_key "$r0" court long_extra_months_mean 25
set_key "$r0" court custody_age_rr "[0.15, 0.15, 0.2, 0.25, 0.3, 0.5, 1.2, 2.5]"   # custody mostly at 16-17
round() {  # round N, budget, fit flags... (REPS=R: R replicates per candidate, default 1; FROM=FILE: start
  # from FILE instead of round N-1's end point)
  local n=$1 budget=$2
  shift 2
  if [ -s "$work/round$n.toml" ] && [ -s "$work/round$n.out" ]; then
    echo "Round $n: already done in $work"
    return
  fi
  "$Y" targets "${FROM:-$work/round$((n - 1)).toml}" -q --replicates "${REPS:-1}" --budget "$budget" "$@" > "$work/round$n.out.tmp"
  mv "$work/round$n.out.tmp" "$work/round$n.out"
  sed -n '/^Fitted/,/^$/p;/^Calibration check/,$p' "$work/round$n.out"
  sed -n '/^# Scenario written by yjsim/,/^Calibration check/p' "$work/round$n.out" | sed '$d' > "$work/round$n.toml.tmp"
  mv "$work/round$n.toml.tmp" "$work/round$n.toml"
}
round 1 200 --fit offending.base_rate:0.035:0.08 --fit 'offending.age_rr[3]:0.05:0.5' \
  --fit 'offending.age_rr[4]:0.1:0.8' --fit 'offending.age_rr[5]:0.3:1.2' --fit 'offending.age_rr[6]:0.6:1.4' \
  --fit 'outcome.cautioned[4]:0.3:0.95' \
  --fit 'court.custody_age_rr[0:5]:0.05:1' --fit 'court.custody_age_rr[6]:0.5:3' --fit 'court.custody_age_rr[7]:1:5' \
  --fit court.long_extra_months_mean:5:40 --fit court.join_pending:0.01:0.6 --fit offending.propensity_sigma:1.5:3.4 \
  --fit desistance.per_outcome:0.2:0.8 --fit offending.post_event_rr:0.02:0.6
round 2 200 --fit offending.propensity_sigma:1.5:3.4 --fit desistance.per_outcome:0.2:0.8 --fit offending.post_event_rr:0.0:0.6 \
  --fit offending.base_rate:0.035:0.08 --fit 'outcome.cautioned[4]:0.3:0.95' --fit 'outcome.convicted[4]:0.6:0.97' \
  --fit 'court.custody_age_rr[7]:1:5' --fit court.long_extra_months_mean:5:40 --fit 'court.dto_weights[0]:0.02:0.6' \
  --fit 'offending.age_rr[4]:0.1:0.8' --fit 'offending.age_rr[5]:0.3:1.2' --fit 'court.sentence_first[0]:0.05:0.4'
sed -i 's/^post_event_rr = .*/post_event_rr = 0.0/' "$work/round2.toml"
round 3 160 --fit 'court.custody_age_rr[7]:1:6' --fit 'court.custody_age_rr[6]:0.3:3' \
  --fit 'court.sentence_repeat[3]:0.03:0.3' --fit 'court.sentence_remanded[3]:0.1:0.6' \
  --fit court.long_extra_months_mean:5:40 --fit 'court.dto_weights[0]:0.02:0.6' --fit offending.propensity_sigma:2.3:2.9 \
  --fit offending.base_rate:0.035:0.08 --fit 'court.sentence_first[0]:0.05:0.4' --fit 'offending.age_rr[5]:0.3:1.2' \
  --fit 'offending.age_rr[6]:0.6:1.4'
round 4 140 --fit court.custody_conviction_rr:1:1.6 --fit 'court.custody_age_rr[6]:0.2:3' \
  --fit 'court.custody_age_rr[7]:1:6' --fit 'court.sentence_remanded[3]:0.05:0.6' --fit 'court.sentence_repeat[3]:0.03:0.3' \
  --fit court.join_pending:0.01:0.6 --fit 'court.sentence_first[1]:0.4:0.8' --fit court.long_extra_months_mean:5:40 \
  --fit offending.base_rate:0.035:0.08
# Round 4's end point misses the binary rate against the heavy end (docs/model.md, version 2, tension 3): one
# log-normal spread cannot give both. Rounds 5-6 add the persistent group, started at the best point of a grid
# (propensity_sigma 1.8 or 2.2 x persistent_rr 20 or 60 x persistent_share 0.02 or 0.05, base rate re-fitted
# for each, one replicate at this scale: sigma 2.2, rr 60, share 0.02 gave a binary rate of 39.9% and 475 entries
# with 11+ previous offences, where one log-normal gave 39.6% and 398). persistent_rr stays at 60: the share
# and the spread already trade off against it. Persistent careers end later (hazard ratio first guess 0.5).
if [ ! -s "$work/round5.out" ]; then
  set_key "$work/round4.toml" offending propensity_sigma 2.2
  set_key "$work/round4.toml" offending persistent_share 0.02
  set_key "$work/round4.toml" offending persistent_rr 60
  set_key "$work/round4.toml" desistance persistent_hazard_rr 0.5
fi
round 5 260 --fit offending.persistent_share:0.005:0.06 --fit desistance.persistent_hazard_rr:0.1:1.5 \
  --fit offending.propensity_sigma:1.8:2.6 --fit offending.base_rate:0.035:0.08 --fit desistance.per_outcome:0.2:0.8 \
  --fit desistance.factor:0.3:0.9 --fit court.long_extra_months_mean:5:40 --fit court.custody_conviction_rr:1:1.6 \
  --fit 'court.dto_weights[0]:0.02:0.6'
round 6 300 --fit offending.persistent_share:0.005:0.06 --fit desistance.persistent_hazard_rr:0.1:1.5 \
  --fit offending.propensity_sigma:1.8:2.6 --fit offending.base_rate:0.035:0.08 --fit desistance.per_outcome:0.2:0.8 \
  --fit desistance.factor:0.3:0.9 --fit court.long_extra_months_mean:5:40 --fit 'court.custody_age_rr[6]:0.1:3' \
  --fit 'court.custody_age_rr[7]:1:6' --fit 'court.sentence_first[0]:0.05:0.4' --fit 'outcome.cautioned[4]:0.3:0.95'
# Round 6 leaves youth cautions 11% short and referral orders in the cohort 17% over: round 7 fits the youth
# caution shares of first and repeat detections and the first conviction's referral-order share.
round 7 120 --fit 'outcome.none[2]:0.05:0.3' --fit 'outcome.cautioned[2]:0.02:0.4' \
  --fit 'court.sentence_first[1]:0.4:0.8' --fit 'court.sentence_first[0]:0.05:0.4' --fit offending.base_rate:0.035:0.08
# One replicate at a fifth of the population overfits that replicate's children: at full scale (4 replicates)
# round 7's end point has 244 FTEs per 100k against 230 at the fifth (2 replicate SDs). Round 8 re-levels the
# rates on 4 replicates (different children in each, the same in every candidate).
REPS=4 round 8 80 --fit offending.base_rate:0.035:0.08 --fit desistance.per_outcome:0.2:0.8 \
  --fit 'outcome.none[2]:0.05:0.3' --fit 'court.sentence_first[1]:0.4:0.8'
# Round 8's end point at full scale (4 replicates) meets every toleranced target but the binary rate (40.0%,
# 0.2 points out) and the five previous-offence cells, which this structure cannot reach (docs/model.md,
# version 2, tension 2). The fits at a fifth trade the binary rate against those cells (a round 9 on the
# desistance and the persistent group made it 41.1%), so the last step is by hand: a first or later formal
# outcome ends a career a little more often, desistance.per_outcome 0.50 (round 8: 0.46; version 1: 0.45). At
# full scale: binary rate 38.8%, and every toleranced target but the five previous-offence cells within.
start9=$work/start9.toml
cp "$work/round8.toml" "$start9"
set_key "$start9" desistance per_outcome 0.50
# At the table's 4 significant figures the cohort's referral orders then sit on their tolerance's edge (6,994
# against at most 6,993): 1.35 points of the first conviction's referral-order share go to YROs (cohort: referral
# orders 6,894, YROs 4,342, both within).
set_key "$start9" court sentence_first "[0.1001, 0.70, 0.1617, 0.0295, 0.0087]"
# That point (version 2.0, session 5's defaults) is in a steady state: as many children were sanctioned in each
# year before 2018/19 as in it. In fact first time entrants fell by 12% a year (22,648, 20,544, 18,385, 16,594,
# 14,532 and 11,968 in 2013/14 to 2018/19), so the children with a record in 2018/19 came from larger, less selected cohorts of
# first time entrants than 2018/19's: the reason the published cohort has fewer entries with no previous
# offences than there are FTEs, and more with some (docs/model.md, version 2, tension 2). Round 9 switches on
# detection.past_rr (the table's default: the ratios at which the model's first time entrants in the five years
# before the start fall as the published series, scripts/check_past_detection.py) and re-fits the rates, the
# desistance, the spread, the persistent group, the youth caution shares, the first sentence and the custody
# ages, on 2 replicates.
set_key "$start9" detection past_rr "[1.298, 1.547, 1.765, 2.026, 2.302, 2.302, 2.302, 2.302]"
FROM=$start9 REPS=2 round 9 240 --fit offending.base_rate:0.04:0.07 --fit desistance.per_outcome:0.3:0.7 \
  --fit desistance.factor:0.4:0.8 --fit offending.propensity_sigma:1.8:2.6 --fit offending.persistent_share:0.005:0.04 \
  --fit 'outcome.cautioned[2]:0.15:0.5' --fit 'outcome.none[2]:0.05:0.2' --fit 'court.sentence_first[1]:0.5:0.8' \
  --fit detection.extra_offences_mean:0.3:1.2 --fit 'court.custody_age_rr[7]:2:5' --fit 'court.custody_age_rr[6]:0.1:1.5' \
  --fit court.long_extra_months_mean:5:40
# Fits at a fifth of the population overfit its few replicates' children (round 9's end point at full scale:
# binary rate 35.3% against 36.4% at the fifth). Round 10 re-fits at full scale, one replicate per candidate
# (about 5 s each): the rates, the desistance, the offences per case, the youth conditional caution shares, the
# first sentence and the custody ages and terms.
start10=$work/start10.toml
cp "$work/round9.toml" "$start10"
set_key "$start10" population size_10_17 5360653
FROM=$start10 round 10 150 --fit offending.base_rate:0.04:0.07 --fit desistance.per_outcome:0.3:0.7 \
  --fit desistance.factor:0.4:0.8 --fit detection.extra_offences_mean:0.5:1.5 --fit 'outcome.cautioned[3]:0.1:0.5' \
  --fit 'outcome.none[3]:0.05:0.2' --fit 'court.sentence_first[1]:0.5:0.8' --fit 'court.custody_age_rr[7]:2:6' \
  --fit 'court.custody_age_rr[6]:0.1:1.5' --fit court.long_extra_months_mean:5:40
cp "$work/round10.toml" calibrate_national.toml
echo "Fitted scenario written to calibrate_national.toml"
