// Issue 14, items 5 and 7: a sweep's size bounded before anything is built, Ctrl-C honoured while it is
// validated, and axes that cannot be swept refused at check time with the axis's line.
#include <atomic>
#include <string>

#include "input/sweep.h"
#include "sim/errors.h"
#include "tests/hardening/cli.h"

using namespace yjsim::hardening;

namespace {
const std::string kBase = "[scenario.run]\nmonths = 12\nreplicates = 2\n[scenario.population]\nsize_10_17 = 2000\n";

std::string lhs(long points) {
  return "design = \"lhs\"\npoints = " + std::to_string(points) +
         "\n[[axis]]\nparameter = \"offending.base_rate\"\nfrom = 0.03\nto = 0.05\n"
         "[[axis]]\nparameter = \"detection.probability\"\nfrom = 0.08\nto = 0.12\n" + kBase;
}
}  // namespace

TEST_CASE("item 5: more than 100,000 points is refused at once with exit 2 (a grid's size is known before it is built)") {
  auto r = run_yjsim("check " + q(write("lhs_big.toml", lhs(1000000))));
  CHECK(r.code == 2);
  CHECK(r.output.find("lhs_big.toml:2") != std::string::npos);
  CHECK(r.output.find("at most 100000 points") != std::string::npos);
  CHECK(r.seconds < 10);
  // Two axes of 100,000 steps: 10^10 points, never built (it used to run out of memory, exit 1).
  const std::string grid = "design = \"grid\"\n[[axis]]\nparameter = \"offending.base_rate\"\nfrom = 0.03\nto = 0.05\nsteps = 100000\n"
                           "[[axis]]\nparameter = \"detection.probability\"\nfrom = 0.08\nto = 0.12\nsteps = 100000\n" + kBase;
  r = run_yjsim("check " + q(write("grid_big.toml", grid)));
  CHECK(r.code == 2);
  CHECK(r.output.find("grid_big.toml:7") != std::string::npos);  // the axis that takes it over the limit
  CHECK(r.output.find("1e+10 points (100000 x 100000)") != std::string::npos);
  CHECK(r.seconds < 10);
  r = run_yjsim("sweep -q " + q(scratch("grid_big.toml")) + " -o " + q(scratch("grid_big.h5")));
  CHECK(r.code == 2);
  CHECK_FALSE(fs::exists(scratch("grid_big.h5.parts")));
  // The limit itself is allowed.
  const auto at_limit = yjsim::input::parse_sweep(lhs(100000), "limit.toml");
  CHECK(at_limit.points.size() == 100000);
}

TEST_CASE("item 5: validation stops with sim::Cancelled when interrupted") {
  std::atomic<bool> stop{true};
  yjsim::input::SweepOptions o;
  o.cancel = &stop;
  CHECK_THROWS_AS(yjsim::input::parse_sweep(lhs(5000), "cancel.toml", o), yjsim::sim::Cancelled);
  stop = false;
  CHECK(yjsim::input::parse_sweep(lhs(500), "cancel.toml", o).points.size() == 500);
}

TEST_CASE("item 5: Ctrl-C while `check` or `sweep` validates a large sweep exits 130 promptly") {
  // The tri-borough scenario has interventions and a variant: 100,000 points take seconds to validate.
  const std::string base = std::string("base = \"") + YJSIM_SOURCE_DIR + "/scenarios/tri_borough_mentoring.toml\"\n";
  const auto sw = write("slow_check.toml", base + "design = \"lhs\"\npoints = 100000\n[[axis]]\nparameter = \"offending.base_rate\"\n"
                                                  "from = 0.03\nto = 0.05\n");
  for (const std::string& args : {"check " + q(sw), "sweep -q " + q(sw) + " -o " + q(scratch("slow.h5"))}) {
    CAPTURE(args);
    const auto r = shell("timeout --preserve-status -s INT 0.5 " + std::string(YJSIM_BINARY) + " " + args + " < /dev/null");
    if (r.code == 0) {
      MESSAGE("validation finished within 0.5 s on this machine: nothing to interrupt");
      continue;
    }
    CHECK(r.code == 130);
    CHECK(r.seconds < 3);
    CHECK(r.output.find("interrupted") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(scratch("slow.h5")));
}

TEST_CASE("item 7: a malformed element index is exit 2 with the axis's line, never an internal error") {
  for (const char* p : {"court.ryda[x]", "court.ryda[-1]", "court.ryda[]", "court.ryda[99999999999999999999]", "court.ryda[1",
                        "court.ryda[1]x", "court.ryda[ 1]", "court.ryda[9]"}) {
    CAPTURE(p);
    const auto sw = write("bad_index.toml", std::string("[[axis]]\nparameter = \"") + p + "\"\nvalues = [0.1]\n" + kBase);
    const auto r = run_yjsim("check " + q(sw));
    CHECK(r.code == 2);
    CHECK(r.output.find("bad_index.toml:1") != std::string::npos);
    CHECK(r.output.find("internal error") == std::string::npos);
  }
}

TEST_CASE("item 7: run.* axes are refused at check time with exit 2 and the axis's line - nothing is run") {
  for (const char* p : {"run.months", "run.replicates", "run.burn_in_months"}) {
    CAPTURE(p);
    const auto sw = write("run_axis.toml", std::string("design = \"grid\"\n[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.03]\n"
                                                       "[[axis]]\nparameter = \"") + p + "\"\nvalues = [12, 24]\n" + kBase);
    auto r = run_yjsim("check " + q(sw));
    CHECK(r.code == 2);
    CHECK(r.output.find("run_axis.toml:5") != std::string::npos);
    CHECK(r.output.find("run setting") != std::string::npos);
    const auto out = scratch("run_axis.h5");
    r = run_yjsim("sweep -q " + q(sw) + " -o " + q(out));
    CHECK(r.code == 2);
    CHECK_FALSE(fs::exists(scratch("run_axis.h5.parts")));
    CHECK_FALSE(fs::exists(out));
  }
}
