#include "models/parameters.h"

#include <stdexcept>

#include <charconv>
#include <cstdio>
#include <sstream>

#include "sim/number_text.h"

namespace yjsim::models {

namespace {

template <std::size_t N>
std::span<double> arr(std::array<double, N>& a) {
  return {a.data(), N};
}
std::span<double> one(double& x) { return {&x, 1}; }

constexpr double kInf = 1e300;


// clang-format off
std::vector<ParamDecl> make_table() {
  return {
  // run (CONTRACT.md [run]; run.start and run.seed are handled in scenario.cpp)
  {"run.months", "months", 0, 600, {48}, "docs/model.md §1 (default horizon)", true, true, Check::None, [](Params& p) { return one(p.run.months); }},
  {"run.replicates", "replicates", 1, 100000, {200}, "docs/interventions.md §9; issue 3 (default borough: 200)", true, true, Check::None, [](Params& p) { return one(p.run.replicates); }},
  {"run.burn_in_months", "months", 0, 240, {96}, "docs/model.md §1 (96, so that everyone aged 10-17 at month 0 has a full history)", true, true, Check::None, [](Params& p) { return one(p.run.burn_in_months); }},
  // population (docs/model.md §1)
  {"population.size_10_17", "children aged 10-17 at month 0 (a whole number; 0: no children, every rate NaN)", 0, 2e7, {20000}, "issue 3: a borough of 20,000 (England and Wales mid-2018: 5,360,653, ONS)", true, true, Check::None, [](Params& p) { return one(p.population.size_10_17); }},
  {"population.age_shares", "relative size of ages 10..17", 0, kInf, {730400, 707081, 693698, 665305, 654298, 636635, 626758, 646478}, "ONS mid-2018 population estimates, England and Wales, single years 10..17 (docs/model.md §1)", false, true, Check::Positive, [](Params& p) { return arr(p.population.age_shares); }},
  {"population.annual_growth", "fraction per year", -0.5, 0.5, {0.0}, "docs/model.md §1 (assumption: 0)", false, false, Check::None, [](Params& p) { return one(p.population.annual_growth); }},
  {"population.male_share", "share", 0, 1, {0.513}, "ONS mid-2018, boys' share aged 10-17 (docs/model.md §1)", false, true, Check::None, [](Params& p) { return one(p.population.male_share); }},
  // offending (docs/model.md §1-2)
  {"offending.propensity_sigma", "sd of log propensity", 0, 5, {2.303}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 2.6 (calibrated (docs/model.md §1) to the §7 targets)", false, true, Check::None, [](Params& p) { return one(p.offending.propensity_sigma); }},
  {"offending.persistent_share", "share of children", 0, 1, {0.01771}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0 (one log-normal group); Moffitt 1993: a small life-course-persistent group beside the adolescence-limited majority (docs/model.md, version 2)", false, true, Check::None, [](Params& p) { return one(p.offending.persistent_share); }},
  {"offending.persistent_rr", "rate ratio of the persistent group (the mean propensity stays 1)", 1, 1000, {60}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 1; docs/model.md, version 2", false, true, Check::None, [](Params& p) { return one(p.offending.persistent_rr); }},
  {"offending.base_rate", "offences per month at age 17, z = 1", 0, 100, {0.05859}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.04154 (calibrated (docs/model.md §2) to FTEs 11,968 (223 per 100k), y/e March 2019)", false, false, Check::None, [](Params& p) { return one(p.offending.base_rate); }},
  {"offending.age_rr", "rate ratio, ages 10..24", 0, 100, {0.016, 0.04, 0.08, 0.1055, 0.256, 0.7695, 0.9164, 1, 0.95, 0.85, 0.75, 0.65, 0.65, 0.65, 0.65}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.04, 0.08, 0.15, 0.25, 0.4, 0.69, 0.89, 1, 0.95, 0.85, 0.75, 0.65, 0.65, 0.65, 0.65 (shape from YJB disposals per 1,000 by age 2015/16; 10-14 split and adult decline assumed (docs/model.md §2))", false, false, Check::None, [](Params& p) { return arr(p.offending.age_rr); }},
  {"offending.girl_rr", "rate ratio", 0, 10, {0.15}, "calibrated (docs/model.md §2) so that girls are 18.4% of FTEs (YJS suppl. Table 2.4)", false, true, Check::None, [](Params& p) { return one(p.offending.girl_rr); }},
  {"offending.on_order_rr", "rate ratio", 0, 10, {1.0}, "assumption (docs/model.md §2)", false, false, Check::None, [](Params& p) { return one(p.offending.on_order_rr); }},
  {"offending.post_event_rr", "extra rate ratio", 0, 100, {0}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.3 (calibrated to the binary reoffending rate 37.8% (y/e March 2019; docs/calibration.md); the model specification's prior was 0.40)", false, false, Check::None, [](Params& p) { return one(p.offending.post_event_rr); }},
  {"offending.post_event_months", "months", 0.01, 120, {5.28}, "calibrated (docs/model.md §2)", false, false, Check::None, [](Params& p) { return one(p.offending.post_event_months); }},
  {"offending.custody_rr", "rate ratio", 0, 10, {1.5}, "calibrated (docs/model.md §2); College of Policing: custody vs community RR about 1.17", false, false, Check::None, [](Params& p) { return one(p.offending.custody_rr); }},
  // desistance (docs/model.md §1)
  {"desistance.per_outcome", "probability", 0, 1, {0.4903}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.45 (calibrated (docs/model.md §1); MacLeod, Grove & Farrington 2012)", false, false, Check::None, [](Params& p) { return one(p.desistance.per_outcome); }},
  {"desistance.factor", "propensity multiplier", 0, 1, {0.6312}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.588 (calibrated (docs/model.md §1))", false, false, Check::None, [](Params& p) { return one(p.desistance.factor); }},
  {"desistance.from_age", "years", 10, 25, {16}, "assumption (docs/model.md §1)", false, true, Check::None, [](Params& p) { return one(p.desistance.from_age); }},
  {"desistance.monthly_hazard", "probability per month", 0, 1, {0.0454}, "calibrated (docs/model.md §1); Blumstein et al. 1986", false, true, Check::None, [](Params& p) { return one(p.desistance.monthly_hazard); }},
  {"desistance.hazard_z_power", "exponent", 0, 5, {0.5}, "calibrated (docs/model.md §1); Moffitt's life-course-persistent group", false, true, Check::None, [](Params& p) { return one(p.desistance.hazard_z_power); }},
  {"desistance.persistent_hazard_rr", "ratio on the persistent group's career-end exponent c (about its hazard)", 0, 10, {0.4535}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 1; persistent careers end later (Moffitt 1993; docs/model.md, version 2)", false, true, Check::None, [](Params& p) { return one(p.desistance.persistent_hazard_rr); }},
  // detection (docs/model.md §2)
  {"detection.probability", "probability per offence", 0, 1, {0.10}, "assumption (docs/model.md §2): only base_rate x detection is identified", false, false, Check::None, [](Params& p) { return one(p.detection.probability); }},
  {"detection.serious_share", "probability per detected offence", 0, 1, {0.15}, "assumption (docs/model.md §2)", false, false, Check::None, [](Params& p) { return one(p.detection.serious_share); }},
  {"detection.extra_offences_mean", "offences per detected incident", 0, 100, {0.8343}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.8 (calibrated (docs/model.md §2))", false, false, Check::None, [](Params& p) { return one(p.detection.extra_offences_mean); }},
  {"detection.past_rr", "ratio on detection.probability in year 1, 2, .., 8 before the start (8: also earlier)", 0, 10, {1.298, 1.547, 1.765, 2.026, 2.302, 2.302, 2.302, 2.302}, "version 2: set so that the model's first time entrants in the five years before 2018/19 fall as the published series (FTEs 14,532, 16,594, 18,385, 20,544 and 22,648 in 2017/18 to 2013/14 against 11,968 in 2018/19; YJS 2020/21 suppl. Table 2.4, YJB press release on YJS 2014/15), held at 2013/14's before that (assumption); check: scripts/check_past_detection.py; version 1: 1 (no fall in sanctions before the start) (docs/model.md, version 2)", false, false, Check::Positive, [](Params& p) { return arr(p.detection.past_rr); }},
  // outcomes at the police station (docs/model.md §3): NFA, CR, YC, YCC, charge
  {"outcome.none", "probabilities NFA, CR, YC, YCC, charge", 0, 1, {0.4662, 0.2975, 0.109, 0.1075, 0.0198}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.47, 0.3, 0.11, 0.1, 0.02 (calibrated (docs/model.md §3) to caution-first FTEs 55.5%, YC 4,539, YCC 4,547)", false, false, Check::Probabilities, [](Params& p) { return arr(p.outcome.none); }},
  {"outcome.cautioned", "probabilities NFA, CR, YC, YCC, charge", 0, 1, {0.0169, 0.0169, 0.2625, 0.3109, 0.3928}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.02, 0.02, 0.013, 0.047, 0.9 (calibrated (docs/model.md §3))", false, false, Check::Probabilities, [](Params& p) { return arr(p.outcome.cautioned); }},
  {"outcome.convicted", "probabilities NFA, CR, YC, YCC, charge", 0, 1, {0.0115, 0.0115, 0.0057, 0.0172, 0.9541}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.02, 0.02, 0.003, 0.007, 0.95 (calibrated (docs/model.md §3))", false, false, Check::Probabilities, [](Params& p) { return arr(p.outcome.convicted); }},
  {"outcome.adult", "probabilities NFA, CR, caution, charge", 0, 1, {0.25, 0.15, 0.15, 0.45}, "assumption (docs/model.md §5)", false, false, Check::Probabilities, [](Params& p) { return arr(p.outcome.adult); }},
  {"outcome.on_order_charge", "probability", 0, 1, {1.0}, "docs/model.md §3", false, false, Check::None, [](Params& p) { return one(p.outcome.on_order_charge); }},
  {"outcome.ycc_months", "months", 1, 24, {3}, "sourced (docs/model.md §3): 'normally 3 months'", true, false, Check::None, [](Params& p) { return one(p.outcome.ycc_months); }},
  // court (docs/model.md §3-4)
  {"court.join_pending", "probability", 0, 1, {0.01}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.1 (calibrated (docs/model.md §3))", false, false, Check::None, [](Params& p) { return one(p.court.join_pending); }},
  {"court.mean_delay_months", "months", 1, 60, {5}, "docs/model.md §4; anchors: offence to completion 207-217 days (2021-23)", false, false, Check::None, [](Params& p) { return one(p.court.mean_delay_months); }},
  {"court.ryda", "probability at charge: none, cautioned, convicted", 0, 1, {0.0188, 0.0395, 0.1035}, "calibrated (docs/model.md §4) to about 2,000 RYDA episodes and 243 remanded, y/e March 2019", false, false, Check::None, [](Params& p) { return arr(p.court.ryda); }},
  {"court.remand_bail_monthly", "probability per month", 0, 1, {0.45}, "derived (docs/model.md §4): median 23-29 nights, mean 52 per remand episode", false, false, Check::None, [](Params& p) { return one(p.court.remand_bail_monthly); }},
  {"court.acquittal", "probability", 0, 1, {0.10}, "assumption (docs/model.md §4)", false, false, Check::None, [](Params& p) { return one(p.court.acquittal); }},
  {"court.acquittal_remanded", "probability", 0, 1, {0.29}, "sourced (docs/model.md §4): 26.7-31.6% of RYDA outcomes were acquittals, y/e March 2017-19", false, false, Check::None, [](Params& p) { return one(p.court.acquittal_remanded); }},
  {"court.sentence_first", "probabilities discharge/fine, RO, YRO, DTO, long", 0, 1, {0.0887, 0.7342, 0.1433, 0.0261, 0.0077}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.1907, 0.7126, 0.0769, 0.0153, 0.0045 (calibrated (docs/model.md §4) to y/e March 2019 sentence counts)", false, false, Check::Probabilities, [](Params& p) { return arr(p.court.sentence_first); }},
  {"court.sentence_repeat", "probabilities discharge/fine, RO, YRO, DTO, long", 0, 1, {0.287, 0.2089, 0.3988, 0.0821, 0.0232}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.2861, 0.2083, 0.3976, 0.0849, 0.0231 (calibrated (docs/model.md §4))", false, false, Check::Probabilities, [](Params& p) { return arr(p.court.sentence_repeat); }},
  {"court.sentence_remanded", "probabilities discharge/fine, RO, YRO, DTO, long", 0, 1, {0.1657, 0.2757, 0.3685, 0.0504, 0.1397}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.1263, 0.2102, 0.2809, 0.2761, 0.1065 (calibrated (docs/model.md §4); RYDA outcomes 34-37% immediate custody)", false, false, Check::Probabilities, [](Params& p) { return arr(p.court.sentence_remanded); }},
  {"court.ro_months", "months (min, max)", 3, 12, {3, 12}, "legal range sourced; uniform distribution assumed (docs/model.md §4)", true, false, Check::Increasing, [](Params& p) { return arr(p.court.ro_months); }},
  {"court.yro_months", "months (min, max)", 1, 36, {6, 24}, "assumption within the legal maximum of 36 (docs/model.md §4)", true, false, Check::Increasing, [](Params& p) { return arr(p.court.yro_months); }},
  {"court.dto_terms", "months", 4, 24, {4, 6, 8, 10, 12, 18, 24}, "sourced list of DTO terms (docs/model.md §4)", true, false, Check::None, [](Params& p) { return arr(p.court.dto_terms); }},
  {"court.dto_weights", "relative weights", 0, kInf, {0.02, 0.2, 0.15, 0.1, 0.2, 0.1, 0.1}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0.3, 0.25, 0.15, 0.08, 0.12, 0.05, 0.05 (assumption; median 90 nights in custody per DTO episode (docs/model.md §4))", false, false, Check::Positive, [](Params& p) { return arr(p.court.dto_weights); }},
  {"court.custody_age_rr", "ratio on the DTO and long-detention shares, ages 10..17", 0, 100, {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1157, 3.879}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 1 (no age effect); custody is mostly given at 16-17 (docs/model.md, version 2)", false, false, Check::Positive, [](Params& p) { return arr(p.court.custody_age_rr); }},
  {"court.custody_conviction_rr", "ratio on the DTO and long-detention shares per previous conviction (at most 10)", 0, 10, {1}, "version 1: 1 (history class only); sentencing guidelines weigh previous convictions (docs/model.md, version 2)", false, false, Check::None, [](Params& p) { return one(p.court.custody_conviction_rr); }},
  {"court.long_extra_months_mean", "months", 0, 240, {17.44}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 10 (anchors: median 187-224, mean 323 nights (docs/model.md §4))", false, false, Check::None, [](Params& p) { return one(p.court.long_extra_months_mean); }},
  {"court.remand_credit", "share of the months on remand for the case", 0, 1, {1}, "version 2: calibrated by scripts/calibrate_national.sh (docs/model.md, version 2); version 1: 0 (no credit); time remanded in custody counts towards a custodial sentence (Sentencing Act 2020 s.240ZA; for a DTO the court takes it into account, s.237) (docs/model.md, version 2)", false, false, Check::None, [](Params& p) { return one(p.court.remand_credit); }},
  {"court.split_share", "probability a charged case of two or more offences is sentenced on two occasions", 0, 1, {0}, "version 1: 0 (one occasion per case); separate disposals of one child in a quarter: the published cohort is 80% of referral orders and 64% of discharges and fines given, y/e March 2019 (docs/model.md, version 2)", false, false, Check::None, [](Params& p) { return one(p.court.split_share); }},
  {"court.split_delay_months", "months from a case's first occasion to its later one (mean, geometric from 0: the same month)", 0, 60, {0.5}, "assumption: a later hearing of the same matters within weeks (docs/model.md, version 2)", false, false, Check::None, [](Params& p) { return one(p.court.split_delay_months); }},
  {"court.sentence_split", "probabilities discharge/fine, RO, YRO, DTO, long", 0, 1, {0.39, 0.39, 0.21, 0.008, 0.002}, "derived (docs/model.md, version 2): disposals given in 2018/19 less the published cohort's index disposals of each type (discharge or fine 1,605, RO 1,609, YRO 873; custody assumed 1%)", false, false, Check::Probabilities, [](Params& p) { return arr(p.court.sentence_split); }},
  // orders (docs/model.md §4)
  {"orders.yro_breach_monthly", "probability per month", 0, 1, {0.015}, "assumption (docs/model.md §4)", false, false, Check::None, [](Params& p) { return one(p.orders.yro_breach_monthly); }},
  {"orders.licence_breach_monthly", "probability per month", 0, 1, {0.02}, "assumption (docs/model.md §4)", false, false, Check::None, [](Params& p) { return one(p.orders.licence_breach_monthly); }},
  // service costs (docs/interventions.md §8; data/unit_costs.csv copied to data/unit_costs.csv)
  {"costs.custody_place_year_gbp", "GBP per place-year", 0, 1e7, {76000}, "young offender institution place, Children's Commissioner 2019 (c.2018/19 prices); SCH 210,000, STC 160,000", false, false, Check::None, [](Params& p) { return one(p.costs.custody_place_year_gbp); }},
  {"costs.remand_night_gbp", "GBP per night", 0, 1e5, {329}, "YOI remand night, SI 2024/327 (2024/25 prices)", false, false, Check::None, [](Params& p) { return one(p.costs.remand_night_gbp); }},
  {"costs.court_case_gbp", "GBP per sentencing occasion", 0, 1e6, {168}, "magistrates' court average cost per case, court costs only, Hansard 31 Jan 2012 (2010/11 prices)", false, false, Check::None, [](Params& p) { return one(p.costs.court_case_gbp); }},
  };
}
// clang-format on

}  // namespace

const std::vector<ParamDecl>& parameter_table() {
  static const std::vector<ParamDecl> table = make_table();
  return table;
}

const std::vector<NeedFlag>& default_needs() {
  static const std::vector<NeedFlag> needs = {
      {"ete_need", 0.15, 3.0,
       "prevalence derived from ONS 2022 exclusion shares by outcome; multiplier an assumption below the derived "
       "onset RR 6.3 (docs/model.md §1)"},
      {"care_experienced", 0.01, 3.0,
       "prevalence about 1% of children (DfE); multiplier an assumption below the derived onset RR 4.0 (docs/model.md "
       "§1)"},
      {"slcn", 0.10, 1.5, "prevalence 7-12% (Hughes et al.); multiplier an assumption (docs/model.md §1)"},
      {"mental_health", 0.10, 1.5,
       "assumption; externalising disorders OR about 2.1 for recidivism (Wibbelink 2015) (docs/model.md §1)"},
  };
  return needs;
}

Params default_params() {
  Params p{};
  for (const auto& d : parameter_table()) {
    auto span = d.ref(p);
    for (std::size_t i = 0; i < span.size(); ++i) span[i] = d.default_value[i];
  }
  p.run.start = sim::YearMonth{2018, 4};
  p.run.seed = 20190331;
  p.needs = default_needs();
  return p;
}

std::string parameter_table_markdown() {
  std::ostringstream out;
  out << "| parameter | unit | allowed | default | source | variant may change |\n|---|---|---|---|---|---|\n";
  for (const auto& d : parameter_table()) {
    out << "| `" << d.name << "` | " << d.unit << " | ";
    if (d.max >= kInf) out << ">= " << d.min; else out << d.min << " .. " << d.max;
    if (d.check == Check::Probabilities) out << ", sum 1";
    out << " | ";
    for (std::size_t i = 0; i < d.default_value.size(); ++i) out << (i ? ", " : "") << sim::shortest_text(d.default_value[i]);
    out << " | " << d.source << " | " << (d.fixed_at_entry ? "no (drawn at entry)" : "yes") << " |\n";
  }
  out << "| `run.start` | YYYY-MM | any month | 2018-04 | docs/kpis.md §6.2 (financial-year quarters) | no |\n";
  out << "| `run.seed` | integer | 0 .. 2^63 - 1 | 20190331 | any | no |\n";
  out << "\nNeeds flags (`[needs.<name>]`: `prevalence`, `multiplier`, `source`; a scenario may add flags, up to 8):\n\n"
         "| flag | prevalence | multiplier | source |\n|---|---|---|---|\n";
  for (const auto& n : default_needs())
    out << "| `" << n.name << "` | " << n.prevalence << " | " << n.multiplier << " | " << n.source << " |\n";
  return out.str();
}

std::string parameter_table_toml() {
  std::ostringstream out;
  std::string section;
  for (const auto& d : parameter_table()) {
    const std::string name = d.name;
    const std::string sec = name.substr(0, name.find('.'));
    if (sec != section) {
      out << (section.empty() ? "" : "\n") << "[" << sec << "]\n";
      if (sec == "run") out << "start = \"2018-04\"  # first month of the horizon; docs/kpis.md 6.2 (financial-year quarters)\n"
                               "seed = 20190331    # random seed\n";
      section = sec;
    }
    out << "# " << d.unit << "; source: " << d.source << "\n" << name.substr(sec.size() + 1) << " = ";
    if (d.default_value.size() > 1) out << "[";
    for (std::size_t i = 0; i < d.default_value.size(); ++i) out << (i ? ", " : "") << sim::shortest_text(d.default_value[i]);
    if (d.default_value.size() > 1) out << "]";
    out << "\n";
  }
  for (const auto& n : default_needs())
    out << "\n[needs." << n.name << "]\nprevalence = " << n.prevalence << "\nmultiplier = " << n.multiplier
        << "\nsource = \"" << n.source << "\"\n";
  return out.str();
}

ParamElement param_element(const std::string& name) {
  const auto bracket = name.find('[');
  const std::string base = name.substr(0, bracket);
  const ParamDecl* decl = nullptr;
  for (const auto& d : parameter_table())
    if (base == d.name) decl = &d;
  const auto fail = [](const std::string& allowed) { throw std::invalid_argument(allowed); };
  if (!decl) fail("a parameter listed by `yjsim params`, e.g. offending.base_rate or offending.age_rr[3]");
  const std::size_t n = decl->default_value.size();
  if (bracket == std::string::npos) {
    if (n > 1) fail("one element of this array, e.g. " + base + "[0], or a range " + base + "[0:2]");
    return {decl, 0, 0};
  }
  if (name.back() != ']') fail("name[i] or name[i:j]");
  const std::string inside = name.substr(bracket + 1, name.size() - bracket - 2);
  const auto colon = inside.find(':');
  auto index = [&](const std::string& t) -> std::size_t {
    if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos || t.size() > 3) fail("whole-number indices");
    return static_cast<std::size_t>(std::stoul(t));
  };
  const std::size_t a = index(inside.substr(0, colon));
  const std::size_t b = colon == std::string::npos ? a : index(inside.substr(colon + 1));
  if (a > b || b >= n) fail("indices 0 .. " + std::to_string(n - 1) + ", first <= last");
  if (decl->check == Check::Probabilities && a != b) fail("one element of a probability row");
  return {decl, a, b};
}

void set_element(Params& p, const ParamElement& e, double value) {
  auto x = e.decl->ref(p);
  if (e.decl->check == Check::Probabilities) {  // scale the rest so that the row still sums to 1
    const double rest = 1.0 - x[e.first];
    for (std::size_t i = 0; i < x.size(); ++i)
      if (i != e.first) x[i] = rest > 0 ? x[i] * (1.0 - value) / rest : (1.0 - value) / static_cast<double>(x.size() - 1);
  }
  for (std::size_t i = e.first; i <= e.last; ++i) x[i] = value;
}

double get_element(const Params& p, const ParamElement& e) {
  Params copy = p;  // ref() hands out a mutable view
  return e.decl->ref(copy)[e.first];
}

}  // namespace yjsim::models
