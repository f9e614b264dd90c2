// Breakdowns (docs/hdf5.md): every breakdown sums exactly to its total KPI, in every period and year, for every
// variant and replicate.
#include <doctest/doctest.h>

#include <string>

#include "fixture.h"

using namespace yjsim::models;

TEST_CASE("every breakdown sums exactly to its total, by quarter and by year") {
  const auto s = yjsim::input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/tests/fixtures/golden.toml");
  const Results r = run_scenario(s);
  long checked = 0;
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    for (const auto& b : breakdown_table())
      for (std::size_t j = 0; j < b.kpis.size(); ++j) {
        const int total = kpi_index(b.kpis[j]);
        for (const bool by_year : {false, true}) {
          const auto slots = static_cast<std::size_t>(by_year ? r.calendar.years() : r.calendar.periods());
          for (std::size_t slot = 0; slot < slots; ++slot) {
            const auto want = r.values(v, total, slot, by_year);
            std::vector<double> sum(want.size(), 0.0);
            for (std::size_t cat = 0; cat < b.categories.size(); ++cat) {
              const auto part = r.cell_values(v, b.cell(j, cat), slot, by_year);
              for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += part[i];
            }
            for (std::size_t i = 0; i < sum.size(); ++i) {
              INFO(b.dimension << " / " << b.kpis[j] << (by_year ? " year " : " period ") << slot);
              CHECK(sum[i] == want[i]);
              ++checked;
            }
          }
        }
      }
  CHECK(checked > 1000);
  // The cohort is not empty, so the sums test something.
  CHECK(yjsim::test::kpi(r, "reoffending_cohort_size", 0, true) > 10);
}

TEST_CASE("disposals are the YCs, YCCs and convictions") {
  const auto s = yjsim::input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/tests/fixtures/golden.toml");
  const Results r = run_scenario(s);
  for (std::size_t p = 0; p < static_cast<std::size_t>(r.calendar.periods()); ++p) {
    const auto d = r.values(0, kpi_index("disposals"), p, false);
    const auto yc = r.values(0, kpi_index("youth_cautions"), p, false);
    const auto ycc = r.values(0, kpi_index("youth_conditional_cautions"), p, false);
    const auto conv = r.values(0, kpi_index("convictions"), p, false);
    for (std::size_t i = 0; i < d.size(); ++i) CHECK(d[i] == yc[i] + ycc[i] + conv[i]);
  }
}
