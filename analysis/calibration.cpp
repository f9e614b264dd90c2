#include "analysis/calibration.h"

#include <cmath>

#include "sim/summary.h"

namespace yjsim::analysis {

using namespace models;

namespace {
constexpr double kEnglandWales = 5360653;  // ONS mid-2018, aged 10-17

std::vector<double> year1(const Results& r, const char* kpi) { return r.values(0, kpi_index(kpi), 0, true); }

std::vector<double> cell1(const Results& r, const char* dimension, std::size_t kpi, std::size_t category) {
  return r.cell_values(0, breakdown(dimension).cell(kpi, category), 0, true);
}

std::vector<double> share(const Results& r, const char* num, const char* den) {
  auto a = year1(r, num);
  const auto b = year1(r, den);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = b[i] > 0 ? a[i] / b[i] : NAN;
  return a;
}
}  // namespace

std::vector<TargetRow> compare_with_targets(const Results& r, double size_10_17) {
  using std::size_t;
  std::vector<TargetRow> rows;
  if (r.calendar.years() == 0) return rows;
  const double scale = size_10_17 / kEnglandWales;
  auto add = [&](std::string name, double target, const std::vector<double>& v, double tol, std::string src) {
    const auto s = sim::summarise(v);
    rows.push_back({std::move(name), target, s.mean, s.sd, tol, tol == 0 || std::fabs(s.mean - target) <= tol,
                    std::move(src)});
  };
  add("FTE rate per 100k", 223, year1(r, "fte_rate_per_100k"), 22.3, "11,968 FTEs; YJS 2020/21 suppl. Table 2.4 (+-10%)");
  add("FTEs, first disposal a caution (share)", 0.555, share(r, "fte_caution_first", "fte_count"), 0, "YJS suppl. Table 2.4");
  add("FTEs who are girls (share)", 0.184, share(r, "fte_girls", "fte_count"), 0, "YJS suppl. Table 2.4");
  add("children cautioned or sentenced", 21665 * scale, year1(r, "children_cautioned_or_sentenced"), 0, "YJS 2018/19");
  add("reoffending binary rate", 0.378, year1(r, "reoffending_binary_rate"), 0.02, "YJS 2020/21 suppl. Ch 9 (+-2 points)");
  add("reoffences per reoffender", 3.91, year1(r, "reoffences_per_reoffender"), 0.3, "YJS 2020/21 suppl. Ch 9 (+-0.3)");
  add("reoffending cohort entries", 23531 * scale, year1(r, "reoffending_cohort_size"), 0, "YJS 2020/21 suppl. Ch 9");
  add("custodial sentences", 1612 * scale, year1(r, "custodial_sentences"), 0.15 * 1612 * scale, "YJB outcome data (+-15%)");
  add("average custodial sentence length (months)", 17.7, year1(r, "custodial_sentence_length"), 0.15 * 17.7,
      "YJS 2018/19 main points (term; custody plus licence) (+-15%)");
  add("custody population (under 18)", 858.9 * scale, year1(r, "custody_population"), 0.15 * 858.9 * scale,
      "YJS suppl. Table 7.21 (+-15%)");
  add("of which remanded", 243.1 * scale, year1(r, "remand_population"), 0, "YJS suppl. Table 7.21");
  add("youth cautions", 4539 * scale, year1(r, "youth_cautions"), 0.1 * 4539 * scale, "YJB outcome data y/e March 2019 (+-10%)");
  add("youth conditional cautions", 4547 * scale, year1(r, "youth_conditional_cautions"), 0.1 * 4547 * scale,
      "YJB outcome data y/e March 2019 (+-10%)");
  add("disposals (all types)", 28197 * scale, year1(r, "disposals"), 0, "YJB outcome data y/e March 2019");
  add("RYDA remand episodes", 2000 * scale, year1(r, "remand_episodes"), 0, "docs/model.md (about 2,000)");
  // Children cautioned or sentenced by age band (YJB Children_Table, data/published_figures.csv).
  add("  cautioned or sentenced aged 10-14", 4889 * scale, cell1(r, "age_band", 0, 0), 0.1 * 4889 * scale,
      "YJB open data y/e March 2019 (+-10%)");
  add("  cautioned or sentenced aged 15-17", 16776 * scale, cell1(r, "age_band", 0, 1), 0.1 * 16776 * scale,
      "YJB open data y/e March 2019 (+-10%)");
  // The reoffending cohort's composition (data/cohort_composition_targets.csv; YJS 2020/21 suppl. Ch 9).
  const char* ch9 = "YJS 2020/21 suppl. Ch 9";
  const std::pair<const char*, double> disposal[] = {
      {"caution", 8631}, {"discharge or fine", 2307 + 546}, {"referral order", 6357}, {"YRO", 4202},
      {"released from custody", 585}};
  for (std::size_t c = 0; c < 5; ++c)
    add(std::string("  cohort entries: ") + disposal[c].first, disposal[c].second * scale,
        cell1(r, "index_disposal", 0, c), (c == 4 ? 0.15 : 0.1) * disposal[c].second * scale,
        std::string(ch9) + (c == 4 ? " (+-15%)" : " (+-10%)"));
  const std::pair<const char*, double> previous[] = {{"0", 10188}, {"1-2", 4607}, {"3-6", 4145}, {"7-10", 1793}, {"11+", 2798}};
  for (std::size_t c = 0; c < 5; ++c)
    add(std::string("  cohort entries, previous offences ") + previous[c].first, previous[c].second * scale,
        cell1(r, "previous_offences", 0, c), 0.1 * previous[c].second * scale, std::string(ch9) + " (+-10%)");
  return rows;
}

}  // namespace yjsim::analysis
