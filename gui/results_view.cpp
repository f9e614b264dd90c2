#include "gui/results_view.h"

#include <algorithm>
#include <cmath>

#include "analysis/board_summary.h"
#include "analysis/funnel.h"
#include "report/board_pack.h"
#include "models/kpis.h"
#include "report/format.h"
#include "gui/app_state.h"
#include "sim/summary.h"

namespace yjsim::gui {

const std::vector<std::string>& shown_kpis() {
  static const std::vector<std::string> kpis = {"fte_rate_per_100k",          "reoffending_binary_rate",
                                                "reoffending_frequency_rate", "custody_rate_per_1000",
                                                "custody_population",         "cost_gbp"};
  return kpis;
}

Shares shares(const models::Results& r, std::size_t variant, int kpi, std::size_t slot, bool by_year) {
  return shares_of(r.diffs(variant, kpi, slot, by_year), models::kpi_table()[static_cast<std::size_t>(kpi)].lower_is_better);
}

Shares shares_of(const std::vector<double>& diffs, bool lower) {
  Shares s;
  long better = 0, same = 0, worse = 0;
  for (double d : diffs) {
    if (std::isnan(d)) continue;
    ++s.replicates;
    if (d == 0)
      ++same;
    else if (lower ? d < 0 : d > 0)
      ++better;
    else
      ++worse;
  }
  if (s.replicates == 0) return s;
  const double n = static_cast<double>(s.replicates);
  s.better = static_cast<double>(better) / n;
  s.same = static_cast<double>(same) / n;
  s.worse = static_cast<double>(worse) / n;
  return s;
}

std::string funded_places_text(double places) {
  return report::format_number(places, std::abs(places - std::round(places)) < 0.05 ? 0 : 1);
}

std::string shares_text(const Shares& s) {
  if (s.replicates == 0) return "n/a";
  if (s.same == 1) return "no change";
  return report::format_probability(s.better) + " / " + report::format_probability(s.same) + " / " +
         report::format_probability(s.worse);
}

namespace {

void add(Band& b, const sim::Summary& s) {
  b.mean.push_back(s.mean);
  b.low.push_back(s.p5);
  b.high.push_back(s.p95);
}

void small_counts(const models::Results& r, KpiView& k);

KpiView kpi_view(const models::Results& r, const std::string& name) {
  KpiView k{name, {}, {}, {}, {}, {}, {}, "", {}, {}, {}, {}, {}};
  const int kpi = models::kpi_index(name);
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    Band level, diff;
    for (long p = 0; p < r.calendar.periods(); ++p) {
      const auto c = analysis::compare(r, v, kpi, static_cast<std::size_t>(p), false);
      add(level, c.variant);
      add(diff, c.diff);
    }
    k.variants.push_back(std::move(level));
    k.differences.push_back(std::move(diff));
    std::vector<analysis::Comparison> years;
    std::vector<Shares> year_shares;
    for (long y = 0; y < r.calendar.years(); ++y) {
      years.push_back(analysis::compare(r, v, kpi, static_cast<std::size_t>(y), true));
      year_shares.push_back(shares(r, v, kpi, static_cast<std::size_t>(y), true));
    }
    k.by_year.push_back(std::move(years));
    k.shares_by_year.push_back(std::move(year_shares));
    // Over the whole horizon, paired by replicate as the years are.
    const auto base = analysis::horizon_values(r, 0, kpi), var = analysis::horizon_values(r, v, kpi);
    std::vector<double> paired(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) paired[i] = var[i] - base[i];
    const Shares sh = shares_of(paired, models::kpi_table()[static_cast<std::size_t>(kpi)].lower_is_better);
    k.horizon.push_back({sim::summarise(base), sim::summarise(var), sim::summarise(paired),
                         sh.replicates ? sh.better : std::nan("")});
    k.horizon_shares.push_back(sh);
  }
  small_counts(r, k);
  return k;
}

// A run that starts in April counts in financial years (April to March), as boards do: "2018/19".
bool financial_years(const sim::Calendar& cal) { return cal.start().month == 4; }

std::string financial_year(int first_year) {
  const int next = (first_year + 1) % 100;
  return std::to_string(first_year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

std::string year_label(const sim::Calendar& cal, long y) {
  const long first = y * 12, last = std::min(cal.months(), first + 12) - 1;
  const std::string span = month_label(cal.at(first)) + " to " + month_label(cal.at(last));
  if (financial_years(cal)) return financial_year(cal.at(first).year) + " (" + span + ")";
  return "Year " + std::to_string(y + 1) + " (" + span + ")";
}

}  // namespace

std::string period_label(const sim::Calendar& cal, long p) { return analysis::quarter_label(cal, p); }

long change_start_month(const models::Scenario& s, std::size_t v) {
  const models::Variant& base = s.variants.front();
  const models::Variant& var = s.variants[v];
  models::Params a = var.params, b = base.params;
  for (const auto& d : models::parameter_table()) {
    const auto x = d.ref(a), y = d.ref(b);
    if (!std::equal(x.begin(), x.end(), y.begin(), y.end())) return 0;
  }
  auto find = [](const models::Variant& in, const std::string& name) -> const models::Intervention* {
    for (const auto& iv : in.interventions)
      if (iv.name == name) return &iv;
    return nullptr;
  };
  for (const auto& iv : base.interventions)
    if (!find(var, iv.name)) return 0;  // dropped: the change is there from the first month
  long first = -1;
  for (const auto& iv : var.interventions) {
    const models::Intervention* was = find(base, iv.name);
    bool changed = !was;
    for (const auto& f : models::intervention_fields()) {
      if (changed) break;
      if (f.value && !(iv.*f.value == was->*f.value)) changed = true;
      if (f.high && !(iv.*f.high == was->*f.high)) changed = true;
      if (f.get && f.get(iv) != f.get(*was)) changed = true;
    }
    if (!changed) continue;
    // A changed intervention that runs in the baseline too differs from its first month of places.
    const long start = was ? static_cast<long>(std::min(iv.start_month, was->start_month))
                           : static_cast<long>(iv.start_month);
    first = first < 0 ? start : std::min(first, start);
  }
  return first;
}

std::string count_distribution(std::vector<double> totals) {
  std::erase_if(totals, [](double x) { return std::isnan(x); });
  if (totals.empty()) return "n/a";
  std::sort(totals.begin(), totals.end());
  // One value at a time from about the 10th to about the 90th percentile; "≤low" and "top+" at the ends.
  const long low = std::max(0L, std::lround(sim::percentile_sorted(totals, 0.1)));
  const long top = std::clamp(std::lround(sim::percentile_sorted(totals, 0.9)) + 1, low + 2, low + 10);
  std::vector<long> n(static_cast<std::size_t>(top - low) + 1, 0);
  for (double x : totals) ++n[static_cast<std::size_t>(std::clamp(std::lround(x), low, top) - low)];
  std::string out;
  for (long k = low; k <= top; ++k) {
    if (k > low) out += ", ";
    out += (k == low && low > 0 ? "\u2264" : "") + std::to_string(k) + (k == top ? "+" : "") + ": " +
           report::format_probability(static_cast<double>(n[static_cast<std::size_t>(k - low)]) /
                                      static_cast<double>(totals.size()));
  }
  return out;
}

namespace {

// Custodial sentences in a small area: a handful a quarter, so quarterly rates are a flat band and a
// saw-tooth. Yearly totals and the spread of a year's total say it better.
void small_counts(const models::Results& r, KpiView& k) {
  if (k.kpi != "custody_rate_per_1000") return;
  const int count = models::kpi_index("custodial_sentences");
  if (!analysis::small_count(r, "custodial_sentences")) return;
  k.count_kpi = "custodial_sentences";
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    Band level, diff;
    std::vector<double> pooled;
    for (long y = 0; y < r.calendar.years(); ++y) {
      const auto c = analysis::compare(r, v, count, static_cast<std::size_t>(y), true);
      add(level, c.variant);
      add(diff, c.diff);
      // Full years only in the spread (a short last year has fewer months).
      if (std::min(r.calendar.months(), (y + 1) * 12) - y * 12 == 12) {
        const auto vals = r.values(v, count, static_cast<std::size_t>(y), true);
        pooled.insert(pooled.end(), vals.begin(), vals.end());
      }
    }
    k.yearly.push_back(std::move(level));
    k.yearly_diff.push_back(std::move(diff));
    k.distribution.push_back(count_distribution(std::move(pooled)));
  }
}

BoardView board_view(const models::Results& r, const models::Scenario& s, std::size_t v) {
  BoardView b;
  b.change_month = change_start_month(s, v);
  if (b.change_month < 0) return b;
  const sim::Calendar& cal = r.calendar;
  const long p = cal.period_of(b.change_month);
  if (p >= cal.periods()) return b;
  b.period = p;
  b.figure = period_label(cal, p) + " cohort";
  b.complete = month_label(cal.at(models::cohort_complete_month(cal, p)));
  b.published = month_label(cal.at(models::cohort_publication_month(cal, p)));
  b.shares = shares(r, v, models::kpi_index("reoffending_binary_rate"), static_cast<std::size_t>(p), false);
  return b;
}

}  // namespace

void add_published_marks(const models::Results& r, const models::Calibration& c, ResultsView& view) {
  if (c.published.empty()) return;
  view.area = c.area;
  const sim::Calendar& cal = r.calendar;
  // The baseline's mean over replicates of a KPI summed over quarters a..b.
  auto mean_over = [&](const std::string& kpi, long a, long b) {
    double sum = 0;
    for (long q = a; q <= b; ++q) sum += sim::summarise(r.values(0, models::kpi_index(kpi), static_cast<std::size_t>(q), false)).mean;
    return sum;
  };
  for (KpiView& k : view.kpis) {
    const std::string count = k.kpi == "fte_rate_per_100k" ? "fte_count" : k.kpi == "custody_rate_per_1000" ? "custodial_sentences" : "";
    for (const std::string& source : {k.kpi, count}) {
      if (source.empty()) continue;
      for (const auto& m : analysis::chart_marks(c, source, cal)) {
        if (!m.in_run) continue;
        const std::string said = report::published_sentence(c.area, m.figure);
        const double a = view.period_x[static_cast<std::size_t>(m.first_period)], b = view.period_x[static_cast<std::size_t>(m.last_period)];
        if (source == k.kpi) {
          k.published.push_back({a, b, m.per_quarter, said + (m.per_quarter != m.figure.value
                                                                  ? ": " + report::format_value(source, m.per_quarter) + " a quarter"
                                                                  : std::string())});
        } else {
          const double counted = mean_over(count, m.first_period, m.last_period);
          const double ratio = counted > 0 ? mean_over(k.kpi, m.first_period, m.last_period) / counted : std::nan("");
          if (std::isfinite(ratio))
            k.published.push_back({a, b, m.per_quarter * ratio,
                                   said + ": " + report::format_value(source, m.per_quarter) + " a quarter, " +
                                       report::format_value(k.kpi, m.per_quarter * ratio) + " " +
                                       models::kpi_table()[static_cast<std::size_t>(models::kpi_index(k.kpi))].unit +
                                       " at the model's population"});
          if (k.count_kpi == count) {  // the yearly chart of the count: a year's worth of the figure
            const long y0 = cal.period(m.first_period).first_month / 12,
                       y1 = cal.period(m.last_period).last_month / 12;
            const double per_year = m.per_quarter * 4;
            k.published_yearly.push_back({view.year_x[static_cast<std::size_t>(y0)], view.year_x[static_cast<std::size_t>(y1)], per_year,
                                          said + (per_year != m.figure.value ? ": " + report::format_value(count, per_year) + " a year"
                                                                             : std::string())});
          }
        }
      }
    }
  }
}

ResultsView make_view(const models::Results& r, const models::Scenario* scenario, const models::Results* demand) {
  ResultsView view;
  const sim::Calendar& cal = r.calendar;
  view.replicates = r.replicates;
  view.months = cal.months();
  for (const auto& v : r.variants) view.variant_names.push_back(v.name);
  for (long p = 0; p < cal.periods(); ++p) {
    const sim::Period period = cal.period(p);
    view.period_labels.push_back(period_label(cal, p));
    view.period_x.push_back(0.5 * static_cast<double>(period.first_month + period.last_month + 1));
    const long complete = models::cohort_complete_month(cal, p);
    view.cohorts.push_back({p, complete, cal.at(complete).iso(),
                            view.period_labels.back() + " cohort: official figure complete " +
                                month_label(cal.at(complete))});
  }
  for (long y = 0; y < cal.years(); ++y) {
    view.year_labels.push_back(year_label(cal, y));
    view.year_short.push_back(financial_years(cal) ? financial_year(cal.at(y * 12).year)
                                                   : "Year " + std::to_string(y + 1));
    view.year_x.push_back(0.5 * static_cast<double>(y * 12 + std::min(cal.months(), y * 12 + 12)));
  }
  const std::string span = month_label(cal.at(0)) + " to " + month_label(cal.at(cal.months() - 1));
  view.horizon_label = "Whole horizon (" + span + ")";
  for (const auto& name : shown_kpis()) view.kpis.push_back(kpi_view(r, name));
  view.cost_per_outcome.resize(r.variants.size());
  for (std::size_t v = 1; v < r.variants.size(); ++v)
    view.cost_per_outcome[v] = analysis::cost_per_outcome_avoided(r, v);
  if (scenario) add_published_marks(r, scenario->calibration, view);
  if (scenario && scenario->variants.size() == r.variants.size())
    for (std::size_t v = 0; v < r.variants.size(); ++v)
      view.board.push_back(v ? board_view(r, *scenario, v) : BoardView{});
  if (scenario && scenario->variants.size() == r.variants.size()) {
    view.demand_needed = analysis::any_limited(*scenario);
    view.capacity = analysis::capacity(r, *scenario, demand);
    for (const auto& c : view.capacity) {
      double contract = std::nan(""), spent = std::nan("");
      for (const auto& var : scenario->variants)
        if (var.name == c.variant)
          for (const auto& iv : var.interventions)
            if (iv.name == c.intervention) {
              const double months_run = std::max(0.0, static_cast<double>(r.calendar.months()) - std::max(0.0, std::ceil(iv.start_month)));
              const double fixed = months_run * iv.fixed_cost_per_year_gbp / 12.0;
              if (c.limited) contract = c.places_funded * iv.cost_per_place_gbp + fixed;
              spent = c.starts.mean * iv.cost_per_place_gbp + fixed;
            }
      view.contract_cost.push_back(contract);
      view.spent.push_back(spent);
    }
    for (std::size_t v = 1; v < r.variants.size(); ++v) view.value.push_back(analysis::value_for_money(r, *scenario, v));
    const int custody = models::kpi_index("custodial_sentences");
    const auto base = analysis::horizon_values(r, 0, custody);
    for (std::size_t v = 1; v < r.variants.size(); ++v) {
      const auto var = analysis::horizon_values(r, v, custody);
      std::vector<double> diff(base.size());
      for (std::size_t i = 0; i < base.size(); ++i) diff[i] = var[i] - base[i];
      const auto& vfm = view.value[v - 1];
      const sim::Summary d = sim::summarise(diff);
      const bool unclear = !(d.p5 > 0 || d.p95 < 0);
      view.answer.push_back(
          "Over the whole horizon: custodial sentences " + report::format_value("custodial_sentences", sim::summarise(base).mean) +
          " without, " + report::format_value("custodial_sentences", sim::summarise(var).mean) + " with (" +
          report::difference_text("custodial_sentences", d) + (d.p5 == 0 && d.p95 == 0 ? ": no change" : unclear ? ": too few children to tell" : "") +
          "); extra cost " + report::extra_cost_text(vfm.extra_cost) + "; chance of a net saving " +
          report::format_probability(vfm.fully_loaded.p_net_saving) + "; benefit-cost ratio " +
          (std::isnan(vfm.fully_loaded.bcr) ? std::string("n/a")
                                            : report::format_number(vfm.fully_loaded.bcr, 2) + " [" +
                                                  report::format_number(vfm.fully_loaded.bcr_low, 2) + ", " +
                                                  report::format_number(vfm.fully_loaded.bcr_high, 2) + "]") +
          ".");
    }
  }
  return view;
}

}  // namespace yjsim::gui
