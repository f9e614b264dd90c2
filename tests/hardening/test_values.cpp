// Issue 14, item 8: values checked as strictly on the command line as in a file.
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
