// Issue 14, items 8 and 10: values checked as strictly on the command line as in a file, and whole numbers
// where a count is meant.
#include <cmath>
#include <string>

#include "fixture.h"
#include "input/sweep.h"
#include "models/simulation.h"
#include "tests/hardening/cli.h"

using namespace yjsim::hardening;

TEST_CASE("item 8: --seed is checked as strictly as run.seed in a file (0 .. 2^63 - 1), exit 2 otherwise") {
  const auto s = write("seed.toml", "[run]\nmonths = 0\nreplicates = 1\n");
  for (const char* bad : {"-1", "18446744073709551616", "9223372036854775808", "1.5", "1e3", "0x10", "abc", "' 7'"}) {
    CAPTURE(bad);
    const auto r = run_yjsim("run -q " + q(s) + " -o " + q(scratch("seed.h5")) + " --seed " + bad);
    CHECK(r.code == 2);
    CHECK(r.output.find("--seed") != std::string::npos);
    CHECK_FALSE(fs::exists(scratch("seed.h5")));
  }
  auto r = run_yjsim("run -q " + q(s) + " -o " + q(scratch("seed.h5")) + " --seed 9223372036854775807");
  CHECK(r.code == 0);
  r = shell("h5dump -a /seed " + q(scratch("seed.h5")));
  if (r.code == 0) CHECK(r.output.find("9223372036854775807") != std::string::npos);
  fs::remove(scratch("seed.h5"));
  CHECK(run_yjsim("targets " + q(s) + " --seed -1").code == 2);
  // In a file the same bounds hold (and a sweep file's seeds are integers, never rounded through a double).
  CHECK(run_yjsim("check " + q(write("seed_file.toml", "[run]\nseed = -1\n"))).code == 2);
  const std::string axis = "[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.03]\n[scenario.run]\nmonths = 12\n";
  CHECK(run_yjsim("check " + q(write("sw_seed1.toml", "seed = -1\n" + axis))).code == 2);
  CHECK(run_yjsim("check " + q(write("sw_seed2.toml", "seed = 1.5\n" + axis))).code == 2);
  CHECK(run_yjsim("check " + q(write("sw_seed3.toml", "lhs_seed = 1e3\n" + axis))).code == 2);
  const auto sweep = yjsim::input::parse_sweep("seed = 9007199254740993\n" + axis, "sw.toml");
  CHECK(sweep.base.baseline().run.seed == 9007199254740993ULL);  // 2^53 + 1: exact
}

TEST_CASE("item 10: size_10_17 must be a whole number (2.5 refused) - 0 is defined: no children, counts 0, rates NaN") {
  auto r = run_yjsim("check " + q(write("size_frac.toml", "[population]\nsize_10_17 = 2.5\n")));
  CHECK(r.code == 2);
  CHECK(r.output.find("size_frac.toml:2") != std::string::npos);
  CHECK(r.output.find("whole number") != std::string::npos);
  CHECK(run_yjsim("check " + q(write("size_zero.toml", "[population]\nsize_10_17 = 0\n"))).code == 0);
  const auto res = yjsim::models::run_scenario(yjsim::test::scenario("[run]\nreplicates = 2\nmonths = 12\n[population]\nsize_10_17 = 0\n"));
  CHECK(yjsim::test::kpi(res, "population_10_17", 0, false) == 0);
  CHECK(yjsim::test::kpi(res, "fte_count", 0, false) == 0);
  CHECK(std::isnan(res.values(0, yjsim::models::kpi_index("fte_rate_per_100k"), 0, false)[0]));
  // The documentation says so (docs/kpis.md, NaN rules).
  CHECK(read(std::string(YJSIM_SOURCE_DIR) + "/docs/kpis.md").find("size_10_17 = 0") != std::string::npos);
}
