// Sweeps (issue 6): points equal separate runs, sensitivity ranks a null parameter last, bad files are refused.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "fixture.h"
#include "io/sweep_output.h"
#include "analysis/sensitivity.h"
#include "input/sweep.h"
#include "sim/errors.h"
#include "sim/summary.h"

using namespace yjsim::models;
using namespace yjsim::analysis;
using namespace yjsim::input;
namespace fs = std::filesystem;
using yjsim::test::same_bits;

namespace {
const char* kBase = R"(
[run]
replicates = 3
months = 12
[population]
size_10_17 = 8000
[[variant]]
name = "fewer_charges"
[variant.outcome]
none = [0.47, 0.31, 0.11, 0.10, 0.01]
)";

Sweep grid() {
  std::string text = "design = \"grid\"\n[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.035, 0.045]\n"
                     "[[axis]]\nparameter = \"detection.probability\"\nfrom = 0.08\nto = 0.12\nsteps = 2\n";
  // The base scenario inline: the scenario's tables nested under [scenario].
  const std::string base = "[scenario.run]\nreplicates = 3\nmonths = 12\n[scenario.population]\nsize_10_17 = 8000\n"
         "[[scenario.variant]]\nname = \"fewer_charges\"\n[scenario.variant.outcome]\nnone = [0.47, 0.31, 0.11, 0.10, 0.01]\n";
  return parse_sweep(text + base, "grid.toml");
}

}  // namespace

TEST_CASE("a 2x2 grid sweep's points equal four separate runs with the same seed, bit for bit") {
  const Sweep s = grid();
  REQUIRE(s.points.size() == 4);
  CHECK(s.points[1] == std::vector<double>{0.035, 0.12});  // first axis slowest
  for (std::size_t p = 0; p < 4; ++p) {
    const auto via_sweep = run_scenario(scenario_at(s, p));
    // The same point written as an ordinary scenario file.
    char text[512];
    std::snprintf(text, sizeof text, "%s[offending]\nbase_rate = %.17g\n[detection]\nprobability = %.17g\n", kBase,
                  s.points[p][0], s.points[p][1]);
    // Variant tables must come last in TOML: put the parameters first.
    std::string t = text;
    const auto at = t.find("[[variant]]");
    const auto params = t.substr(t.find("[offending]"));
    t = t.substr(0, at) + params + t.substr(at, t.find("[offending]") - at);
    const auto direct = run_scenario(yjsim::test::scenario(t));
    for (std::size_t v = 0; v < 2; ++v)
      for (std::size_t r = 0; r < 3; ++r)
        for (std::size_t k = 0; k < kpi_table().size(); ++k)
          for (std::size_t q = 0; q < 4; ++q)
            CHECK(same_bits(via_sweep.variants[v].replicates[r].period[k][q], direct.variants[v].replicates[r].period[k][q]));
  }
}

TEST_CASE("the sweep file holds each point's values as a run gives them") {
  const Sweep s = grid();
  const std::string out = (fs::temp_directory_path() / "yjsim_test_sweep.h5").string();
  fs::remove_all(yjsim::io::parts_dir(out));
  for (std::size_t p = 0; p < s.points.size(); ++p)
    yjsim::io::write_point(out, s, p, yjsim::io::flatten(run_scenario(scenario_at(s, p))));
  CHECK(yjsim::io::read_point(out, s, 2).has_value());
  const auto points = yjsim::io::load_points(out, s);
  yjsim::io::write_sweep_hdf5(out, s, points, sweep_sensitivity(s, points));
  hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  hid_t d = H5Dopen2(f, "/sweep/variants/fewer_charges/diff/fte_count", H5P_DEFAULT);
  REQUIRE(d >= 0);
  std::vector<double> v(4 * 3 * 4);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Dclose(d);
  H5Fclose(f);
  const auto r = run_scenario(scenario_at(s, 3));
  const auto diffs = r.diffs(1, kpi_index("fte_count"), 2, false);
  for (std::size_t rep = 0; rep < 3; ++rep) CHECK(v[3 * 12 + rep * 4 + 2] == diffs[rep]);
  fs::remove(out);
  fs::remove_all(yjsim::io::parts_dir(out));
}

TEST_CASE("PRCC: a driving parameter near 1, an irrelevant one near 0") {
  std::mt19937_64 g(1);  // test data only
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  const std::size_t n = 400;
  for (std::size_t i = 0; i < n; ++i) {
    x.push_back({u(g), u(g), u(g)});
    y.push_back(3 * x.back()[0] - x.back()[1] + 0.1 * u(g));
  }
  const auto r = prcc(x, y);
  CHECK(r[0] > 0.9);
  CHECK(r[1] < -0.5);
  // Under no effect, atanh(PRCC) sqrt(n - k - 3) is about standard normal (Fisher).
  CHECK(std::fabs(std::atanh(r[2])) * std::sqrt(static_cast<double>(n - 2 - 3)) <= yjsim::test::k_sigma());
  CHECK(ranks({3, 1, 1, 2}) == std::vector<double>{4, 1.5, 1.5, 3});
}

TEST_CASE("sensitivity on a Latin hypercube sweep ranks a parameter with no effect last, near 0") {
  const auto s = parse_sweep(R"(
design = "lhs"
points = 120
replicates = 2
[[axis]]
parameter = "offending.base_rate"
from = 0.02
to = 0.06
[[axis]]
parameter = "costs.court_case_gbp"
from = 100
to = 2000
[[axis]]
parameter = "detection.probability"
from = 0.05
to = 0.15
[scenario.run]
months = 12
[scenario.population]
size_10_17 = 3000
)", "lhs.toml");
  REQUIRE(s.points.size() == 120);
  // Latin hypercube: each axis has exactly one point in each of the N strata.
  std::vector<int> strata(120, 0);
  for (const auto& p : s.points) ++strata[static_cast<std::size_t>((p[0] - 0.02) / 0.04 * 120)];
  for (int c : strata) CHECK(c == 1);
  std::vector<double> y;
  for (std::size_t p = 0; p < s.points.size(); ++p)
    y.push_back(yjsim::sim::summarise(horizon_values(run_scenario(scenario_at(s, p)), 0, kpi_index("fte_count"), false)).mean);
  const auto r = prcc(s.points, y);
  MESSAGE("PRCC on fte_count: base_rate " << r[0] << ", court cost " << r[1] << ", detection " << r[2]);
  CHECK(std::fabs(r[1]) < std::fabs(r[0]));
  CHECK(std::fabs(r[1]) < std::fabs(r[2]));
  CHECK(std::fabs(std::atanh(r[1])) * std::sqrt(120.0 - 3 - 3) <= yjsim::test::k_sigma());
  CHECK(r[0] > 0.6);
}

TEST_CASE("bad sweep files name file, line and field") {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      parse_sweep(text + "[scenario.run]\nmonths = 12\n", "bad.toml");
    } catch (const yjsim::sim::InputError& e) {
      return e.what();
    }
    return "";
  };
  const auto unknown = error_of("[[axis]]\nparameter = \"offending.base_rat\"\nvalues = [1]\n");
  CHECK(unknown.find("bad.toml:1") != std::string::npos);
  CHECK(unknown.find("offending.base_rat") != std::string::npos);
  CHECK(error_of("design = \"lhs\"\npoints = 10\n[[axis]]\nparameter = \"offending.base_rate\"\nfrom = 0.05\nto = 0.05\n")
            .find("empty range") != std::string::npos);
  CHECK(error_of("design = \"lhs\"\npoints = -4\n[[axis]]\nparameter = \"offending.base_rate\"\nfrom = 0.01\nto = 0.05\n")
            .find("bad.toml:2") != std::string::npos);
  CHECK(error_of("[[axis]]\nparameter = \"detection.probability\"\nvalues = [0.5, 1.5]\n").find("1.5") != std::string::npos);
  CHECK(error_of("[[axis]]\nparameter = \"offending.base_rate\"\nvalues = []\n").find("non-empty") != std::string::npos);
  CHECK(error_of("[[axis]]\nparameter = \"intervention.none.uptake\"\nvalues = [0.5]\n").find("no intervention") !=
        std::string::npos);
  CHECK(error_of("colour = 1\n[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.04]\n").find("unknown key") !=
        std::string::npos);
  CHECK(error_of("").find("axis") != std::string::npos);
}

TEST_CASE("PRCC of a perfectly monotone response is +-1, not undefined") {
  const std::vector<std::vector<double>> x{{1, 5}, {2, 3}, {3, 9}, {4, 1}, {5, 7}, {6, 2}};
  const std::vector<double> y{60, 50, 40, 30, 20, 10};
  const auto r = prcc(x, y);
  CHECK(r[0] == doctest::Approx(-1).epsilon(1e-6));
}
