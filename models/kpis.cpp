#include "models/kpis.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace yjsim::models {

namespace {
std::vector<BreakdownDef> make_breakdowns() {
  const std::vector<const char*> cohort = {"reoffending_cohort_size", "reoffenders", "reoffences"};
  std::vector<BreakdownDef> t = {
    {"index_disposal", {"caution", "discharge_fine", "referral_order", "yro", "custody_release"}, cohort,
     "the index event's disposal: YC or YCC, discharge or fine, referral order, YRO, release from custody (docs/kpis.md 6.2)"},
    {"previous_offences", {"0", "1-2", "3-6", "7-10", "11+"}, cohort,
     "offences proven by earlier cautions or convictions, before the index event; the index outcome's own offences excluded"},
    {"sex", {"boy", "girl"}, cohort, "sex of the child"},
    {"age_at_index", {"10-14", "15-17"}, cohort, "age in years at the index event"},
    {"reoffence_month", {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, {"reoffences"},
     "the period cohort's proven reoffences by the follow-up month in which they were committed (1 = the month after the index month)"},
    {"age_band", {"10-14", "15-17"}, {"children_cautioned_or_sentenced", "custodial_sentences"},
     "age in years: at the child's first YC, YCC or conviction of the period (of the year, for yearly figures); at the custodial sentence"},
    {"disposal", {"youth_caution", "youth_conditional_caution", "discharge_fine", "referral_order", "yro", "dto", "long_detention"},
     {"disposals"}, "disposals given to children aged 10-17 by type: YC, YCC and each sentence (including sentences for breach)"},
  };
  int next = 0;
  for (auto& b : t) {
    b.first_cell = next;
    next += static_cast<int>(b.categories.size() * b.kpis.size());
  }
  return t;
}
}  // namespace

const std::vector<BreakdownDef>& breakdown_table() {
  static const std::vector<BreakdownDef> table = make_breakdowns();
  return table;
}

const BreakdownDef& breakdown(const std::string& dimension) {
  for (const auto& b : breakdown_table())
    if (dimension == b.dimension) return b;
  throw std::out_of_range("no breakdown " + dimension);
}

int breakdown_cells() {
  static const int n = [] {
    const auto& b = breakdown_table().back();
    return b.first_cell + static_cast<int>(b.categories.size() * b.kpis.size());
  }();
  return n;
}

std::uint8_t previous_offences_class(long n) {
  return n <= 0 ? 0 : n <= 2 ? 1 : n <= 6 ? 2 : n <= 10 ? 3 : 4;
}

void Tally::add_cohort_cells(long p, std::size_t kpi, const IndexCategories& k, std::int64_t n) {
  static const auto& t = breakdown_table();  // the first four dimensions, in make_breakdowns' order
  auto& row = cells[static_cast<std::size_t>(p)];
  row[static_cast<std::size_t>(t[0].cell(kpi, static_cast<std::size_t>(k.disposal)))] += n;
  row[static_cast<std::size_t>(t[1].cell(kpi, k.previous))] += n;
  row[static_cast<std::size_t>(t[2].cell(kpi, k.girl))] += n;
  row[static_cast<std::size_t>(t[3].cell(kpi, k.older))] += n;
}

void Tally::merge(const Tally& o) {
  for (std::size_t p = 0; p < period.size(); ++p)
    for (int c = 0; c < kCounters; ++c) period[p][static_cast<std::size_t>(c)] += o.period[p][static_cast<std::size_t>(c)];
  for (std::size_t y = 0; y < ccs_year.size(); ++y) ccs_year[y] += o.ccs_year[y];
  for (std::size_t p = 0; p < starts.size(); ++p)
    for (std::size_t k = 0; k < starts[p].size(); ++k) starts[p][k] += o.starts[p][k];
  for (std::size_t p = 0; p < cells.size(); ++p)
    for (std::size_t c = 0; c < cells[p].size(); ++c) cells[p][c] += o.cells[p][c];
  for (std::size_t y = 0; y < year_cells.size(); ++y)
    for (std::size_t c = 0; c < year_cells[y].size(); ++c) year_cells[y][c] += o.year_cells[y][c];
}

namespace {
enum K : int {
  fte_count, fte_rate, cohort_size, reoffenders, reoffences, binary, frequency, per_reoffender, custodial,
  custody_rate, remand_episodes, custody_population, population, ccs, caseload, transitions, offences_committed,
  proven_offences, cost_gbp, fte_girls, fte_caution_first, remand_population, youth_cautions, ycc, convictions,
  intervention_starts, disposals, custodial_term_months, custodial_sentence_length, kpi_count
};
}

const std::vector<KpiDef>& kpi_table() {
  // clang-format off
  static const std::vector<KpiDef> table = {
    {"fte_count", "First time entrants", "FTEs", "children", {1, 1}, "children aged 10-17 receiving their first YC, YCC or conviction (docs/kpis.md 6.1)", Yearly::Sum},
    {"fte_rate_per_100k", "First time entrants per 100,000", "FTEs per 100,000", "per 100,000 aged 10-17", {1, 1}, "fte_count / population_10_17 x 100,000 (docs/kpis.md 6.1)", Yearly::Ratio, fte_count, population, 1e5},
    {"reoffending_cohort_size", "Reoffending cohort", "Cohort", "children", {1, 1}, "children aged 10-17 with a YC, YCC, non-custodial conviction or release from custody in the period; first such event is the index (docs/kpis.md 6.2)", Yearly::Sum},
    {"reoffenders", "Reoffenders", "Reoffenders", "children", {1, 1}, "cohort members with a proven reoffence: committed in index month +1..+12, proven by +18 (docs/kpis.md 6.2)", Yearly::Sum},
    {"reoffences", "Proven reoffences", "Reoffences", "offences", {1, 1}, "proven reoffences of the cohort (docs/kpis.md 6.2)", Yearly::Sum},
    {"reoffending_binary_rate", "Reoffending rate (binary)", "Reoffending rate", "proportion", {100, 1, "", "%", " pts"}, "reoffenders / cohort size; NaN for an empty cohort (docs/kpis.md 6.2)", Yearly::Ratio, reoffenders, cohort_size, 1.0},
    {"reoffending_frequency_rate", "Reoffences per cohort member", "Reoffences per member", "reoffences per cohort member", {1, 2}, "reoffences / cohort size; NaN for an empty cohort (docs/kpis.md 6.2)", Yearly::Ratio, reoffences, cohort_size, 1.0},
    {"reoffences_per_reoffender", "Reoffences per reoffender", "Per reoffender", "reoffences per reoffender", {1, 2}, "reoffences / reoffenders; NaN with no reoffenders (docs/kpis.md 6.2)", Yearly::Ratio, reoffences, reoffenders, 1.0},
    {"custodial_sentences", "Custodial sentences", "Custodial sentences", "sentences", {1, 1}, "DTO and long-detention sentences given to children aged 10-17 (docs/kpis.md 6.3)", Yearly::Sum},
    {"custody_rate_per_1000", "Custodial sentences per 1,000", "Custody per 1,000", "per 1,000 aged 10-17", {1, 3}, "custodial_sentences / population_10_17 x 1,000 (docs/kpis.md 6.3)", Yearly::Ratio, custodial, population, 1e3},
    {"remand_episodes", "Remand episodes (RYDA)", "Remands", "episodes", {1, 1}, "RYDA remands of children aged 10-17 started (docs/kpis.md 6.3)", Yearly::Sum},
    {"custody_population", "Children in custody (mean)", "In custody", "children", {1, 2}, "mean number of children aged 10-17 in custody (remanded or sentenced) at month ends (docs/kpis.md 6.3)", Yearly::MeanOfMonths},
    {"population_10_17", "Population aged 10-17", "Population", "children", {1, 1}, "mean population aged 10-17 at month ends (docs/kpis.md 6)", Yearly::MeanOfMonths, -1, -1, 1.0, false},
    {"children_cautioned_or_sentenced", "Children cautioned or sentenced", "Cautioned or sentenced", "children", {1, 1}, "distinct children aged 10-17 with a YC, YCC or conviction in the period; does not add over quarters (docs/kpis.md 6.4)", Yearly::Sum},
    {"caseload", "YOS caseload (mean)", "Caseload", "children", {1, 1}, "mean children aged 10-17 under YOS supervision at month ends: YCC, RO, YRO, custody, licence, remand (docs/kpis.md 6.4)", Yearly::MeanOfMonths},
    {"transitions", "Transitions to adult services", "Transitions", "children", {1, 1}, "children reaching 18 under a youth order (docs/model.md §5)", Yearly::Sum},
    {"offences_committed", "Offences committed", "Offences", "offences", {1, 1}, "offences committed by children aged 10-17, detected or not, (1 + extra_offences_mean) per incident (docs/model.md §2)", Yearly::Sum},
    {"proven_offences", "Proven offences", "Proven offences", "offences", {1, 1}, "offences proven by a YC, YCC or conviction of a child aged 10-17 (docs/kpis.md 6.4)", Yearly::Sum},
    {"cost_gbp", "Cost", "Cost", "GBP (mixed price years, see docs)", {1, 0, "£"}, "intervention places and fixed costs, custody and remand bed-months and sentencing occasions of children aged 10-17 (docs/interventions.md §8)", Yearly::Sum},
    {"fte_girls", "First time entrants who are girls", "FTE girls", "children", {1, 1}, "first time entrants who are girls (docs/calibration.md §7)", Yearly::Sum},
    {"fte_caution_first", "First time entrants cautioned first", "FTE caution first", "children", {1, 1}, "first time entrants whose first disposal is a YC or YCC (docs/calibration.md §7)", Yearly::Sum},
    {"remand_population", "Children on remand (mean)", "On remand", "children", {1, 2}, "mean children aged 10-17 remanded (and not in sentenced custody) at month ends (docs/calibration.md §7)", Yearly::MeanOfMonths},
    {"youth_cautions", "Youth cautions", "YCs", "disposals", {1, 1}, "youth cautions given to children aged 10-17 (docs/model.md §3)", Yearly::Sum},
    {"youth_conditional_cautions", "Youth conditional cautions", "YCCs", "disposals", {1, 1}, "youth conditional cautions given to children aged 10-17 (docs/model.md §3)", Yearly::Sum},
    {"convictions", "Convictions", "Convictions", "sentencing occasions", {1, 1}, "convictions of children aged 10-17, including for breach (docs/model.md §4)", Yearly::Sum},
    {"intervention_starts", "Intervention places started", "Places started", "places", {1, 1}, "places started on the scenario's interventions (docs/interventions.md §8)", Yearly::Sum, -1, -1, 1.0, false},
    {"disposals", "Disposals", "Disposals", "disposals", {1, 1}, "YCs, YCCs and sentences (including for breach) given to children aged 10-17 (docs/model.md §10)", Yearly::Sum},
    {"custodial_term_months", "Custodial terms (months, summed)", "Custodial months", "months", {1, 0}, "the terms of the custodial sentences given to children aged 10-17, custody and licence together, summed (docs/kpis.md)", Yearly::Sum},
    {"custodial_sentence_length", "Average custodial sentence length", "Custodial length", "months", {1, 1}, "custodial_term_months / custodial_sentences: the published average custodial sentence length (docs/kpis.md)", Yearly::Ratio, custodial_term_months, custodial, 1.0, false},
  };
  // clang-format on
  if (table.size() != kpi_count) throw std::logic_error("kpi_table out of step with its index");
  return table;
}

int kpi_index(const std::string& name) {
  const auto& t = kpi_table();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (name == t[i].name) return static_cast<int>(i);
  throw std::out_of_range("no KPI named " + name);
}

namespace {
double ratio(double num, double den, double scale) {
  return den > 0 ? num / den * scale : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

KpiValues compute_kpis(const Tally& t, const std::vector<long>& months_in_period, double offences_per_incident,
                       const CostRates& costs, const std::vector<double>& intervention_cost) {
  const auto& defs = kpi_table();
  const std::size_t np = t.period.size(), ny = t.ccs_year.size(), nk = defs.size();
  KpiValues v{std::vector<std::vector<double>>(nk, std::vector<double>(np)),
              std::vector<std::vector<double>>(nk, std::vector<double>(ny)), {}, {}};
  // Sums over months (for MeanOfMonths) kept aside so that yearly means weight partial periods correctly.
  std::vector<std::vector<double>> month_sums(nk, std::vector<double>(np, 0.0));
  for (std::size_t p = 0; p < np; ++p) {
    const long lp = static_cast<long>(p);
    auto g = [&](Counter c) { return static_cast<double>(t.get(lp, c)); };
    const double months = static_cast<double>(months_in_period[p]);
    auto& P = v.period;
    P[fte_count][p] = g(Counter::fte);
    P[cohort_size][p] = g(Counter::cohort);
    P[reoffenders][p] = g(Counter::reoffenders);
    P[reoffences][p] = g(Counter::reoffences);
    P[custodial][p] = g(Counter::custodial_sentences);
    P[remand_episodes][p] = g(Counter::remand_episodes);
    month_sums[custody_population][p] = g(Counter::custody_month_ends);
    month_sums[population][p] = g(Counter::population_month_ends);
    month_sums[caseload][p] = g(Counter::caseload_month_ends);
    month_sums[remand_population][p] = g(Counter::remand_month_ends);
    P[ccs][p] = g(Counter::ccs);
    P[transitions][p] = g(Counter::transitions);
    P[offences_committed][p] = g(Counter::incidents) * offences_per_incident;
    P[proven_offences][p] = g(Counter::proven_offences);
    // Sentenced custody at the place rate, remand (not also sentenced) at the remand rate: each bed once.
    P[cost_gbp][p] = (g(Counter::custody_month_ends) - g(Counter::remand_month_ends)) * costs.custody_month_gbp +
                     g(Counter::remand_month_ends) * costs.remand_month_gbp +
                     g(Counter::court_occasions) * costs.court_case_gbp + intervention_cost[p];
    P[intervention_starts][p] = 0;
    for (auto n : t.starts[p]) P[intervention_starts][p] += static_cast<double>(n);
    P[fte_girls][p] = g(Counter::fte_girls);
    P[fte_caution_first][p] = g(Counter::fte_caution_first);
    P[youth_cautions][p] = g(Counter::youth_cautions);
    P[ycc][p] = g(Counter::youth_conditional_cautions);
    P[convictions][p] = g(Counter::convictions);
    P[disposals][p] = g(Counter::youth_cautions) + g(Counter::youth_conditional_cautions) + g(Counter::convictions);
    P[custodial_term_months][p] = g(Counter::custodial_term_months);
    for (std::size_t k = 0; k < nk; ++k)
      if (defs[k].yearly == Yearly::MeanOfMonths) P[k][p] = months > 0 ? month_sums[k][p] / months : 0.0;
  }
  for (std::size_t k = 0; k < nk; ++k)
    if (defs[k].yearly == Yearly::Ratio)
      for (std::size_t p = 0; p < np; ++p)
        v.period[k][p] = ratio(v.period[static_cast<std::size_t>(defs[k].numerator)][p],
                               v.period[static_cast<std::size_t>(defs[k].denominator)][p], defs[k].scale);
  // Years: sums of quarters; means over all month-ends of the year; ratios of the yearly sums.
  for (std::size_t y = 0; y < ny; ++y) {
    const std::size_t p0 = y * 4, p1 = std::min(np, p0 + 4);
    double months = 0;
    for (std::size_t p = p0; p < p1; ++p) months += static_cast<double>(months_in_period[p]);
    for (std::size_t k = 0; k < nk; ++k) {
      double s = 0;
      for (std::size_t p = p0; p < p1; ++p) s += defs[k].yearly == Yearly::MeanOfMonths ? month_sums[k][p] : v.period[k][p];
      if (defs[k].yearly == Yearly::Sum) v.year[k][y] = s;
      if (defs[k].yearly == Yearly::MeanOfMonths) v.year[k][y] = months > 0 ? s / months : 0.0;
    }
    v.year[ccs][y] = static_cast<double>(t.ccs_year[y]);  // distinct children over the year, not a sum
  }
  for (std::size_t k = 0; k < nk; ++k)
    if (defs[k].yearly == Yearly::Ratio)
      for (std::size_t y = 0; y < ny; ++y)
        v.year[k][y] = ratio(v.year[static_cast<std::size_t>(defs[k].numerator)][y],
                             v.year[static_cast<std::size_t>(defs[k].denominator)][y], defs[k].scale);
  const std::size_t ni = np ? t.starts[0].size() : 0;
  v.starts_period.assign(ni, std::vector<double>(np, 0.0));
  for (std::size_t k = 0; k < ni; ++k)
    for (std::size_t p = 0; p < np; ++p) v.starts_period[k][p] = static_cast<double>(t.starts[p][k]);
  // Breakdowns: counts per period; years are sums of quarters, except distinct children (counted per year).
  const auto nc = static_cast<std::size_t>(breakdown_cells());
  v.cells_period.assign(nc, std::vector<double>(np, 0.0));
  v.cells_year.assign(nc, std::vector<double>(ny, 0.0));
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t p = 0; p < np; ++p) v.cells_period[c][p] = static_cast<double>(t.cells[p][c]);
  for (const auto& b : breakdown_table())
    for (std::size_t j = 0; j < b.kpis.size(); ++j) {
      const bool distinct = std::string(b.kpis[j]) == "children_cautioned_or_sentenced";
      for (std::size_t cat = 0; cat < b.categories.size(); ++cat) {
        const auto c = static_cast<std::size_t>(b.cell(j, cat));
        for (std::size_t y = 0; y < ny; ++y) {
          if (distinct) {
            v.cells_year[c][y] = static_cast<double>(t.year_cells[y][c]);
            continue;
          }
          for (std::size_t p = y * 4; p < std::min(np, y * 4 + 4); ++p) v.cells_year[c][y] += v.cells_period[c][p];
        }
      }
    }
  return v;
}

}  // namespace yjsim::models
