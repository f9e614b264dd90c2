// Sweep throughput (issue 6): a 64-point Latin hypercube of the default borough at 50 replicates, on this
// machine's 2 cores, run (1) back to back in one process with run_scenario (the reference), (2) by `yjsim sweep`
// in one process with 2 threads, (3) by `mpirun -n 2 yjsim sweep --threads 1`. Prints points per second and the
// overhead of each against the reference (target: within 10%). Each figure is the best of two runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/simulation.h"
#include "input/sweep.h"

namespace {
const char* kSweep = R"(design = "lhs"
points = 64
replicates = 50
lhs_seed = 1
[[axis]]
parameter = "offending.propensity_sigma"
from = 2.2
to = 3.0
[[axis]]
parameter = "detection.probability"
from = 0.06
to = 0.14
[[axis]]
parameter = "offending.post_event_rr"
from = 0.1
to = 0.6
[scenario.population]
size_10_17 = 20000
)";

// Each figure is the best of two runs: the machine's own noise is a few per cent, as large as the overheads.
double seconds_of(const std::string& command) {
  double best = 1e300;
  for (int i = 0; i < 2; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "failed: %s\n", command.c_str());
      std::exit(1);
    }
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string yjsim = argc > 1 ? argv[1] : "./build/apps/yjsim";
  const auto dir = std::filesystem::temp_directory_path() / "yjsim_sweep_bench";
  std::filesystem::create_directories(dir);
  const auto file = (dir / "sweep.toml").string();
  std::ofstream(file) << kSweep;
  const auto sweep = yjsim::input::load_sweep(file);
  const double n = static_cast<double>(sweep.points.size());

  double reference = 1e300;
  for (int i = 0; i < 2; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t p = 0; p < sweep.points.size(); ++p) yjsim::models::run_scenario(yjsim::input::scenario_at(sweep, p));
    reference = std::min(reference, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("64-point LHS of the default borough, 50 replicates each, 2 cores\n");
  std::printf("  back to back in one process (run_scenario, 2 threads): %.2f s = %.2f points/s (reference)\n",
              reference, n / reference);

  const double one = seconds_of(yjsim + " sweep " + file + " -q -o " + (dir / "one.h5").string());
  std::printf("  yjsim sweep, 1 process x 2 threads:                      %.2f s = %.2f points/s (%+.1f%%)\n", one,
              n / one, 100 * (one / reference - 1));
  if (std::system("command -v mpirun > /dev/null") == 0) {
    const double two = seconds_of("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_plm=isolated mpirun -n 2 " + yjsim +
                                  " sweep " + file + " -q --threads 1 -o " + (dir / "two.h5").string());
    std::printf("  mpirun -n 2 yjsim sweep, 2 processes x 1 thread:         %.2f s = %.2f points/s (%+.1f%%)\n", two,
                n / two, 100 * (two / reference - 1));
  } else {
    std::printf("  (mpirun not found: no MPI figure)\n");
  }
  std::filesystem::remove_all(dir);
  return 0;
}
