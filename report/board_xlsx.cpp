// The board pack as an XLSX workbook (libxlsxwriter): the summary table exactly as printed, then the numbers behind
// it (per year, value for money, capacity, interventions, every run), units in every header.
#include <cmath>
#include <cstdio>

#include "report/board_pack.h"
#include "report/format.h"
#include "report/xlsx_book.h"

namespace yjsim::report {

namespace {
using Sheet = XlsxSheet;

std::string unit_header(const std::string& kpi) {
  if (kpi == "reoffending_binary_rate") return "proportion of the cohort (0-1)";
  if (kpi == "cost_gbp") return "GBP";
  return models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))].unit;
}

void summary_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Variant", "Period", "Indicator", "Without the change", "With it", "Difference [90% interval]", "Chance lower",
            "Verdict"});
  const auto& b = p.summary;
  for (const auto& d : b.variants)
    for (std::size_t per = b.periods.size(); per-- > 0;)  // the horizon first, as on page one
      for (const auto& f : d.figures[per]) {
        const std::string verdict = board_verdict(f);
        s.text(d.name).text(b.periods[per].label).text(board_row_label(f.kpi)).text(format_value(f.kpi, f.baseline.mean))
            .text(format_value(f.kpi, f.variant.mean)).text(difference_text(f.kpi, f.diff)).text(f.p_same == 1.0 ? "-" : format_probability(f.p_better))
            .text(verdict).end_row();
      }
}

void years_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Variant", "Period", "Indicator (KPI name)", "Unit", "Without: mean", "Without: 5th percentile",
            "Without: 95th percentile", "With: mean", "With: 5th percentile", "With: 95th percentile",
            "Difference: mean", "Difference: 5th percentile", "Difference: 95th percentile", "P(lower) (0-1)",
            "P(same) (0-1)", "P(higher) (0-1)"});
  const auto& b = p.summary;
  for (const auto& d : b.variants)
    for (std::size_t per = 0; per < b.periods.size(); ++per)
      for (const auto& f : d.figures[per])
        s.text(d.name).text(b.periods[per].label).text(f.kpi).text(unit_header(f.kpi)).number(f.baseline.mean)
            .number(f.baseline.p5).number(f.baseline.p95).number(f.variant.mean).number(f.variant.p5).number(f.variant.p95)
            .number(f.diff.mean).number(f.diff.p5).number(f.diff.p95).number(f.p_better).number(f.p_same).number(f.p_worse)
            .end_row();
  for (std::size_t per = 0; per < b.periods.size(); ++per)  // with no variant, the baseline alone
    for (std::size_t k = 0; k < b.indicators.size() && b.variants.empty(); ++k)
      s.text("baseline").text(b.periods[per].label).text(b.indicators[k]).text(unit_header(b.indicators[k]))
          .number(b.baseline[per][k].mean).number(b.baseline[per][k].p5).number(b.baseline[per][k].p95).end_row();
}

void value_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Variant", "View", "Counts as avoided", "Extra intervention spending, mean (GBP)", "Costs avoided, mean (GBP)",
            "Costs avoided, 5th percentile (GBP)", "Costs avoided, 95th percentile (GBP)", "Net cost, mean (GBP)",
            "Net cost, 5th percentile (GBP)", "Net cost, 95th percentile (GBP)", "P(net saving) (0-1)",
            "Benefit-cost ratio (GBP avoided per GBP spent)", "BCR 5th percentile", "BCR 95th percentile",
            "Break-even multiple of the assumed effects"});
  for (const auto& v : p.value)
    for (const auto* w : {&v.fully_loaded, &v.marginal})
      s.text(v.variant).text(w->name).text(w->counts).number(v.extra_spending.mean).number(w->avoided.mean)
          .number(w->avoided.p5).number(w->avoided.p95).number(w->net_cost.mean).number(w->net_cost.p5)
          .number(w->net_cost.p95).number(w->p_net_saving).number(w->bcr).number(w->bcr_low).number(w->bcr_high)
          .number(w->break_even_multiple).end_row();
}

void capacity_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Variant", "Intervention", "Who is eligible", "Start month (1 = first month)", "Places funded over the horizon (starts)",
            "Places started, mean (starts)", "Places started, 5th percentile", "Places started, 95th percentile",
            "Would take a place (unlimited), mean (children)", "Unused places (starts)", "Warnings"});
  for (const auto& c : p.capacity) {
    std::string w;
    for (const auto& x : c.warnings) w += (w.empty() ? "" : " ") + x;
    s.text(c.variant).text(c.intervention).text(c.target).number(c.start_month + 1)
        .number(c.limited ? c.places_funded : NAN).number(c.starts.mean).number(c.starts.p5).number(c.starts.p95)
        .number(c.demand_known ? c.demand.mean : NAN).number(c.unused).text(w).end_row();
  }
}

void interventions_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Variant", "Intervention", "Kind", "Who is eligible", "Places a year (starts; empty: unlimited)",
            "Start month (1 = first month)", "Duration (months)", "Uptake (0-1)", "Effect: rate ratio on offending",
            "Effect: 95% low", "Effect: 95% high", "Interval assumed", "Evidence rating", "Cost per place (GBP)",
            "Fixed cost a year (GBP)", "Price year", "Source"});
  for (const auto& v : p.scenario.variants)
    for (const auto& iv : v.interventions)
      s.text(v.name).text(iv.name).text(iv.kind).text(models::target_name(iv.target)).number(iv.places_per_year)
          .number(iv.start_month + 1).number(iv.duration_months).number(iv.uptake).number(iv.offending_rr).number(iv.rr_low)
          .number(iv.rr_high).text(iv.interval_assumed ? "yes" : "no").text(iv.evidence).number(iv.cost_per_place_gbp)
          .number(iv.fixed_cost_per_year_gbp).text(iv.price_year).text(iv.source).end_row();
  for (const auto& u : analysis::unit_costs(p.scenario.baseline()))
    s.text("unit cost").text(u.parameter).text(u.item).text(u.unit).number(NAN).number(NAN).number(NAN).number(NAN)
        .number(NAN).number(NAN).number(NAN).text(u.basis).text("").number(u.gbp).number(NAN).text("").text(u.source).end_row();
}

// A calibrated scenario's published figures, and for a binary rate its funnel plot's figures (analysis/funnel.h).
void published_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Area", "Indicator", "Period", "Published value (KPI unit; rates 0-1)", "Held out of the fit", "Source",
            "Cohort size (children)", "Cohort size published", "National rate (0-1)", "National cohort",
            "Months in common", "95% limit low (0-1)", "95% limit high (0-1)", "99.8% limit low (0-1)",
            "99.8% limit high (0-1)", "Funnel reading"});
  const auto& c = p.scenario.calibration;
  for (const auto& f : c.published) {
    s.text(c.area).text(f.kpi + (f.breakdown.empty() ? "" : " " + f.breakdown + "=" + f.category)).text(f.period).number(f.value)
        .text(f.holdout ? "yes" : "no").text(f.source);
    for (const auto& fn : p.funnels)
      if (fn.figure.kpi == f.kpi && fn.figure.period == f.period && fn.figure.value == f.value && f.breakdown.empty()) {
        s.number(fn.n).text(fn.n_published ? "yes" : "no: the calibrated model's").number(fn.national.national.rate)
            .text(fn.national.national.cohort).number(static_cast<double>(fn.national.overlap_months)).number(fn.at_lo95)
            .number(fn.at_hi95).number(fn.at_lo998).number(fn.at_hi998).text(fn.verdict);
        break;
      }
    s.end_row();
  }
}

// The calibration page's tables: each published figure against the calibrated model, and the posterior.
void calibration_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Indicator", "Breakdown", "Period", "Published value (KPI unit; rates 0-1)", "Model mean (KPI unit)",
            "Model 5th percentile (KPI unit)", "Model 95th percentile (KPI unit)", "Within the model's 90% interval",
            "Held out of the fit", "Model runs", "Model from"});
  const auto& k = p.calibration;
  for (const auto& f : k.figures)
    s.text(f.figure.kpi).text(f.figure.breakdown.empty() ? "" : f.figure.breakdown + "=" + f.figure.category)
        .text(f.figure.period).number(f.figure.value).number(f.mean).number(f.p05).number(f.p95)
        .text(f.within ? "yes" : "no").text(f.figure.holdout ? "yes" : "no").number(static_cast<double>(k.runs))
        .text(k.from_check_run ? "check run from " + k.check_start + ", " + std::to_string(k.check_months) + " months"
                               : "this projection's baseline")
        .end_row();
}
void posterior_sheet(Sheet& s, const BoardPack& p) {
  s.header({"Parameter (docs/parameters.md)", "Fitted (most likely draw)", "Posterior mean", "Posterior SD",
            "5th percentile", "Median", "95th percentile", "Lowest draw", "Highest draw", "Draws"});
  for (const auto& q : p.calibration.parameters)
    s.text(q.name).number(q.map).number(q.mean).number(q.sd).number(q.p05).number(q.p50).number(q.p95).number(q.low)
        .number(q.high).number(static_cast<double>(p.scenario.calibration.draws.size())).end_row();
}

void replicates_sheet(Sheet& s, const BoardPack& p) {
  std::vector<std::string> h = {"Variant", "Run (replicate)", "Year (1 = first; 0 = whole horizon)"};
  for (const auto& k : p.summary.indicators) h.push_back(k + " (" + unit_header(k) + ")");
  s.header(h);
  const auto& r = p.results;
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    std::vector<std::vector<std::vector<double>>> cols;  // [indicator][year + 1][replicate]
    for (const auto& k : p.summary.indicators) {
      const int ki = models::kpi_index(k);
      cols.emplace_back();
      cols.back().push_back(analysis::horizon_values(r, v, ki));
      for (long y = 0; y < r.calendar.years(); ++y) cols.back().push_back(r.values(v, ki, static_cast<std::size_t>(y), true));
    }
    for (long i = 0; i < r.replicates; ++i)
      for (long y = 0; y <= r.calendar.years(); ++y) {
        s.text(r.variants[v].name).number(static_cast<double>(r.first_replicate + i)).number(static_cast<double>(y));
        for (const auto& c : cols) s.number(c[static_cast<std::size_t>(y)][static_cast<std::size_t>(i)]);
        s.end_row();
      }
  }
}
}  // namespace

std::string board_xlsx(const BoardPack& p) {
  XlsxBook book("yjsim board pack");
  Sheet summary = book.sheet("Summary"), years = book.sheet("By year"), value = book.sheet("Value for money"),
        cap = book.sheet("Capacity"), ivs = book.sheet("Interventions"), reps = book.sheet("Runs");
  summary_sheet(summary, p);
  years_sheet(years, p);
  value_sheet(value, p);
  capacity_sheet(cap, p);
  interventions_sheet(ivs, p);
  replicates_sheet(reps, p);
  if (!p.scenario.calibration.published.empty()) {
    Sheet published = book.sheet("Published figures");
    published_sheet(published, p);
  }
  if (!p.scenario.calibration.empty()) {
    Sheet calibration = book.sheet("Calibration"), posterior = book.sheet("Posterior");
    calibration_sheet(calibration, p);
    posterior_sheet(posterior, p);
  }
  return book.bytes();
}

}  // namespace yjsim::report
