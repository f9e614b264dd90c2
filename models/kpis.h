#pragma once
// The official KPIs (MODEL.md §6), computed per reported period (quarter of the horizon) from integer tallies.
// Tallies are integers so that sums over blocks and quarters are exact in any order.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace yjsim::models {

// Raw per-period tallies, by age at the event (10-17 unless stated).
enum class Counter : int {
  fte,                   // first formal outcome (MODEL.md §6.1)
  fte_girls,
  fte_caution_first,     // first formal outcome was a YC or YCC
  cohort,                // reoffending cohort entries, by the period of the index event (§6.2)
  reoffenders,           //   cohort members with a proven reoffence
  reoffences,            //   proven reoffences
  custodial_sentences,   // DTO and long detention (§6.3)
  remand_episodes,       // RYDA remands started
  custody_month_ends,    // children in custody (remanded or sentenced), summed over the period's month-ends
  remand_month_ends,     // of which remanded only
  caseload_month_ends,   // children under YOS supervision, summed over month-ends
  population_month_ends, // children aged 10-17, summed over month-ends
  transitions,           // moves at 18 under a youth order
  incidents,             // offences committed, before the extra offences per case
  proven_offences,       // offences proven by a YC, YCC or conviction
  ccs,                   // distinct children cautioned or sentenced in the period
  youth_cautions,
  youth_conditional_cautions,
  convictions,
  court_occasions,       // sentencing occasions (for court costs)
  custodial_term_months, // the terms of the period's custodial sentences (custody plus licence), summed
  count_
};
constexpr int kCounters = static_cast<int>(Counter::count_);

// Breakdowns of KPIs by a dimension (docs/hdf5.md "Breakdowns"), declared once: the dimension's name and
// category labels exactly as in the HDF5 file, the KPIs it breaks down (each breakdown sums exactly to its
// total), and a definition. A tally keeps one integer cell per (dimension, KPI, category).
struct BreakdownDef {
  const char* dimension;
  std::vector<const char*> categories;
  std::vector<const char*> kpis;
  const char* definition;
  int first_cell = 0;  // cell of (kpis[0], categories[0]); then kpi-major
  int cell(std::size_t kpi, std::size_t category) const {
    return first_cell + static_cast<int>(kpi * categories.size() + category);
  }
};
const std::vector<BreakdownDef>& breakdown_table();
const BreakdownDef& breakdown(const std::string& dimension);  // throws std::out_of_range
int breakdown_cells();                                        // cells of all breakdowns together

// The categories an index event falls in (MODEL.md §6.2): the dimensions of the reoffending cohort.
enum class IndexDisposal : std::uint8_t { caution = 0, discharge_fine, referral_order, yro, custody_release };
struct IndexCategories {
  IndexDisposal disposal;
  std::uint8_t previous;  // previous_offences class: 0, 1-2, 3-6, 7-10, 11+
  std::uint8_t girl;
  std::uint8_t older;     // aged 15-17 at the index event
};
std::uint8_t previous_offences_class(long offences);
// The disposal categories of the `disposal` breakdown (YC, YCC, then the sentences in Sentence order).
constexpr int kDisposalYC = 0, kDisposalYCC = 1, kDisposalSentence0 = 2;

struct Tally {
  std::vector<std::array<std::int64_t, kCounters>> period;  // [period][counter]
  std::vector<std::int64_t> ccs_year;                       // distinct children cautioned or sentenced per year
  std::vector<std::vector<std::int64_t>> starts;            // [period][intervention]: places started
  std::vector<std::vector<std::int64_t>> cells;             // [period][breakdown cell]
  std::vector<std::vector<std::int64_t>> year_cells;        // [year][breakdown cell]: distinct children per year
  void resize(long periods, long years, std::size_t interventions) {
    period.assign(static_cast<std::size_t>(periods), {});
    ccs_year.assign(static_cast<std::size_t>(years), 0);
    starts.assign(static_cast<std::size_t>(periods), std::vector<std::int64_t>(interventions, 0));
    cells.assign(static_cast<std::size_t>(periods), std::vector<std::int64_t>(static_cast<std::size_t>(breakdown_cells()), 0));
    year_cells.assign(static_cast<std::size_t>(years), std::vector<std::int64_t>(static_cast<std::size_t>(breakdown_cells()), 0));
  }
  void add(long p, Counter c, std::int64_t n = 1) { period[static_cast<std::size_t>(p)][static_cast<int>(c)] += n; }
  std::int64_t get(long p, Counter c) const { return period[static_cast<std::size_t>(p)][static_cast<int>(c)]; }
  void add_cell(long p, int cell, std::int64_t n = 1) {
    cells[static_cast<std::size_t>(p)][static_cast<std::size_t>(cell)] += n;
  }
  // The reoffending cohort's dimensions (index_disposal, previous_offences, sex, age_at_index) for one KPI.
  void add_cohort_cells(long p, std::size_t kpi, const IndexCategories& k, std::int64_t n = 1);
  void merge(const Tally& o);
};

// How a KPI is summed into a horizon year (MODEL.md §6: annual figures are sums of quarters).
enum class Yearly { Sum, MeanOfMonths, Ratio };

// How a KPI's numbers are shown to people (the desktop app, the board pack): shown = value x scale.
struct NumberFormat {
  double scale = 1;
  int decimals = 1;
  const char* prefix = "";       // "£"
  const char* suffix = "";       // "%"
  const char* diff_suffix = "";  // " pts" for a difference of percentages
};

// A KPI, declared once: the HDF5 dataset name, its title for people, unit, number format and one-line
// definition (docs/kpis.md), and how it is summed into a horizon year.
struct KpiDef {
  const char* name;
  const char* title;        // "First time entrants per 100,000"
  const char* short_title;  // for a table row ("FTEs per 100,000")
  const char* unit;
  NumberFormat format;
  const char* definition;   // one line (docs/kpis.md)
  Yearly yearly;
  int numerator = -1, denominator = -1;  // for Ratio: KPI indices
  double scale = 1.0;                   // for Ratio
  bool lower_is_better = true;          // for the probability that a variant is better
};

const std::vector<KpiDef>& kpi_table();
int kpi_index(const std::string& name);

// Costs that turn tallies into cost_gbp (MODEL.md §8).
struct CostRates {
  double custody_month_gbp;
  double remand_month_gbp;
  double court_case_gbp;
};

// KPI values of one replicate: values[kpi][period] and yearly[kpi][year]; months_in_period for partial periods.
struct KpiValues {
  std::vector<std::vector<double>> period;
  std::vector<std::vector<double>> year;
  std::vector<std::vector<double>> cells_period;  // [breakdown cell][period]
  std::vector<std::vector<double>> cells_year;    // [breakdown cell][year]
  std::vector<std::vector<double>> starts_period = {};  // [intervention][period]: places started (the board pack's capacity)
};
// intervention_cost[period]: places and fixed costs of the interventions (GBP), added to cost_gbp.
KpiValues compute_kpis(const Tally& t, const std::vector<long>& months_in_period, double offences_per_incident,
                       const CostRates& costs, const std::vector<double>& intervention_cost);

}  // namespace yjsim::models
