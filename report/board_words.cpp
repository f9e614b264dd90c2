// The sentences of the board pack's first page: each figure said in words as well as numbers, with "too few
// children to tell" whenever the 90% interval of the difference includes no change.
#include <cmath>
#include <cstdio>

#include "models/kpis.h"
#include "report/board_pack.h"
#include "report/format.h"

namespace yjsim::report {

namespace {
const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"};

// A count or cost difference as words: "2.7 fewer", "£38.1k more", "no change".
std::string amount(const std::string& kpi, double d, const char* less, const char* more) {
  std::string n = format_diff(kpi, std::fabs(d));
  if (!n.empty() && n[0] == '+') n.erase(0, 1);
  if (n == format_diff(kpi, 0.0)) return "no change";
  return n + " " + (d < 0 ? less : more);
}

std::string noun(const std::string& kpi) {
  if (kpi == "fte_count") return "First time entrants";
  if (kpi == "custodial_sentences") return "Custodial sentences";
  if (kpi == "reoffending_binary_rate") return "Reoffending (binary rate)";
  return kpi_title(kpi);
}
}  // namespace

std::string board_row_label(const std::string& kpi) {
  const std::string unit = kpi == "reoffending_binary_rate" ? "% of the cohort"
                           : kpi == "cost_gbp"              ? "GBP"
                                                            : models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))].unit;
  return kpi_short_title(kpi) + " (" + unit + ")";
}

std::string month_name(const std::string& iso) {
  const auto ym = sim::YearMonth::parse(iso);
  if (!ym) return iso;
  return std::string(kMonths[ym->month - 1]) + " " + std::to_string(ym->year);
}

std::string indicator_sentence(const analysis::IndicatorFigure& f) {
  const bool rate = f.kpi == "reoffending_binary_rate";
  const char* less = "fewer";
  const char* more = "more";
  std::string s = noun(f.kpi) + ": " + format_value(f.kpi, f.baseline.mean) + " without the change, " +
                  format_value(f.kpi, f.variant.mean) + " with it. ";
  if (f.p_same == 1.0) return s + "No change in any run: the change does not reach these children.";
  // A rate's difference in points is, per 100 children in the cohort, that many more or fewer who reoffend.
  const std::string key = rate ? "fte_count" : f.kpi;  // rate points read as a count of children per 100
  const double k = rate ? 100.0 : 1.0;
  auto words = [&](double d) { return amount(key, d * k, less, more); };
  s += rate ? "For every 100 children in the reoffending cohort, " + words(f.diff.mean) + " would reoffend"
            : "That is " + words(f.diff.mean);
  s += " (90% interval: " + words(f.diff.p5) + " to " + words(f.diff.p95) + "). ";
  if (!f.can_tell) s += "Too few children to tell: the interval includes no change. ";
  s += "Chance it is lower: " + format_probability(f.p_better) + " (the same: " + format_probability(f.p_same) +
       ", higher: " + format_probability(f.p_worse) + ").";
  return s;
}

std::string cost_sentence(const analysis::IndicatorFigure& cost, const analysis::ValueForMoney& v, const std::string& period) {
  const std::string k = "cost_gbp";
  std::string s = "Cost over " + period + ": " + format_value(k, cost.baseline.mean) + " without the change, " +
                  format_value(k, cost.variant.mean) + " with it: " + amount(k, cost.diff.mean, "less", "more") +
                  " (90% interval: " + amount(k, cost.diff.p5, "less", "more") + " to " +
                  amount(k, cost.diff.p95, "less", "more") + ")";
  if (v.years > 1) s += ", about " + amount(k, cost.diff.mean / v.years, "less", "more") + " a year";
  s += ". ";
  s += "The interventions cost " + format_value(k, v.extra_spending.mean) + "; custody, remand and court costs avoided " +
       "come to " + format_value(k, v.fully_loaded.avoided.mean) + " at fully loaded unit costs. ";
  s += "Chance it saves money overall: " + format_probability(v.fully_loaded.p_net_saving) + ".";
  return s;
}

std::string board_verdict(const analysis::IndicatorFigure& f) {
  if (f.p_same == 1.0) return "no change";
  if (!f.can_tell) return f.kpi == "cost_gbp" ? "too close to tell" : "too few children to tell";
  if (f.kpi == "cost_gbp") return f.diff.mean < 0 ? "costs less" : "costs more";
  const bool lower = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(f.kpi))].lower_is_better;
  return (f.diff.mean < 0) == lower ? "better" : "worse";
}

std::string capacity_sentence(const analysis::CapacityRow& c, const sim::Calendar& cal) {
  const double years = static_cast<double>(cal.months()) / 12.0;
  auto a_year = [&](double x) { return format_number(x / years, 1); };
  std::string s = c.intervention + ": ";
  if (c.start_month >= static_cast<double>(cal.months())) return s + "starts after the horizon ends; no place is used.";
  s += (c.limited ? a_year(c.places_funded) + " places a year funded, " : std::string("unlimited places, ")) + a_year(c.starts.mean) +
       " a year started";
  if (c.demand_known) s += "; " + a_year(c.demand.mean) + " children a year would take a place if places were unlimited";
  if (c.limited && c.demand_known && c.demand.mean < c.places_funded) s += ", so more places would change nothing";
  return s + ".";
}

std::string timing_sentence(const analysis::VariantDecision& d, const sim::Calendar& cal) {
  if (d.change_after_horizon)
    return "The change starts after the horizon ends: nothing can show in these figures.";
  const std::string start = month_name(cal.at(d.change_month).iso());
  return "The change starts in " + start + ". The first quarterly reoffending cohort followed wholly under it is " +
         d.first_cohort_label + " (" + month_name(d.first_cohort_months.substr(0, 7)) + " to " +
         month_name(d.first_cohort_months.substr(9)) + "): its figure is complete in " + month_name(d.complete_month) +
         " and published by the Ministry of Justice in about " + month_name(d.publication_month) +
         ". Until then no official reoffending figure can show the change.";
}

std::string period_name(const std::string& period) {
  const auto dots = period.find("..");
  if (dots == std::string::npos) return period;
  const auto a = sim::YearMonth::parse(period.substr(0, dots)), b = sim::YearMonth::parse(period.substr(dots + 2));
  if (!a || !b) return period;
  if (a->year == b->year) return std::string(kMonths[a->month - 1]) + " to " + month_name(b->iso());
  return month_name(a->iso()) + " to " + month_name(b->iso());
}

std::string published_sentence(const std::string& area, const models::PublishedFigure& f) {
  const auto& def = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(f.kpi))];
  const std::string value = def.yearly == models::Yearly::Sum  // a count as it was published: "88 children"
                                ? format_number(f.value, std::floor(f.value) == f.value ? 0 : 1) + " " + def.unit
                                : format_value(f.kpi, f.value);
  return area + " published " + value + " for " + period_name(f.period) +
         (f.holdout ? " (held out of the fit, a check)" : "") + " (" + f.source + ")";
}

std::string funnel_sentence(const analysis::Funnel& f) {
  const auto& n = f.national;
  std::string s = f.area + "'s binary reoffending rate, " + format_value("reoffending_binary_rate", f.figure.value) + " for " +
                  period_name(f.figure.period) + ", of a cohort of " + format_number(f.n, 0) + " children" +
                  (f.n_published ? "" : " (not published: the calibrated model's cohort for a period of that length)") +
                  ", against England and Wales's " + format_value("reoffending_binary_rate", n.national.rate) + " for the cohort " +
                  n.national.cohort;
  if (n.overlap_months < n.period_months)
    s += " (the nearest published national cohort: " + std::to_string(n.overlap_months) + " of its " +
         std::to_string(n.period_months) + " months in common)";
  return s + ": " + f.verdict + ". A service of that size at the national rate would see between " +
         format_value("reoffending_binary_rate", f.at_lo95) + " and " + format_value("reoffending_binary_rate", f.at_hi95) +
         " in 95 cohorts out of 100, and between " + format_value("reoffending_binary_rate", f.at_lo998) + " and " +
         format_value("reoffending_binary_rate", f.at_hi998) + " in 998 out of 1,000.";
}

namespace {
// A published or modelled figure in the KPI's own format (a breakdown cell is a count).
std::string figure_text(const models::PublishedFigure& f, double x) {
  return f.breakdown.empty() ? format_value(f.kpi, x) : format_number(x, 1);
}
std::string significant(double x) {  // a parameter's value: 4 significant figures, as the fit report
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", x);
  return b;
}
}  // namespace

std::string calibration_sentence(const BoardPack& p) {
  const auto& c = p.scenario.calibration;
  const auto& k = p.calibration;
  std::string where = k.from_check_run
      ? "a check run of the calibrated baseline over the figures' own months (" + month_name(k.check_start) + ", " +
            std::to_string(k.check_months) + " months), because this projection's months do not cover them"
      : "this projection's baseline";
  return "Each published figure against the calibrated model: the mean and the 90% interval of the model's figure over " +
         std::to_string(k.runs) + " runs of " + where + ", each run with one of the " + std::to_string(c.draws.size()) +
         " posterior draws of the fitted parameters. \"Within\" means the published figure lies inside the model's 90% "
         "interval, the test yjsim calibrate applies to every target (docs/calibration.md).";
}

std::vector<std::string> calibration_row(const analysis::PublishedCheck& c) {
  const auto& f = c.figure;
  return {kpi_title(f.kpi) + (f.breakdown.empty() ? "" : " (" + f.breakdown + " " + f.category + ")"), period_name(f.period),
          figure_text(f, f.value), figure_text(f, c.mean), figure_text(f, c.p05) + " to " + figure_text(f, c.p95),
          c.within ? "within" : "outside", f.holdout ? "held out: a check, not fitted" : "fitted"};
}

std::vector<std::string> posterior_row(const analysis::ParameterPosterior& q) {
  return {q.name, significant(q.map), significant(q.mean), significant(q.sd), significant(q.p05) + " to " + significant(q.p95),
          significant(q.p50)};
}

}  // namespace yjsim::report
