// Speed and memory targets of the core simulator (issue 3), printed, never asserted in unit tests:
//  (a) England and Wales, one replicate, burn-in + 48 + 18 months: person-months per second at 1 and 2
//      threads (target >= 3e8 with 2 threads) and state bytes per person (target < 64);
//  (b) the default borough, 200 replicates: wall time (target < 1 s on 2 cores);
//  (c) the default borough, 200 replicates, baseline and three intervention variants (target < 5 s, issue 4).
// Each case runs in its own process so that its peak memory is its own.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "benchmarks/fresh_process.h"
#include "input/scenario_reader.h"
#include "models/simulation.h"

using namespace yjsim::models;
using yjsim::input::parse_scenario;

namespace {

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Three typical variants: mentoring in custody, an out-of-court panel, ETE support on the caseload.
const char* kVariants = R"(
[[variant]]
name = "mentoring"
[[variant.intervention]]
name = "mentoring"
target = "custody"
places_per_year = 10
duration_months = 12
[variant.intervention.effect]
offending_rr = 0.81
rr_low = 0.7
rr_high = 0.94
[[variant]]
name = "panel"
[[variant.intervention]]
name = "panel"
target = "diversion"
[variant.intervention.effect]
divert_share = 0.4
offending_rr = 0.87
rr_low = 0.78
rr_high = 0.97
[[variant]]
name = "ete"
[[variant.intervention]]
name = "ete"
target = "caseload"
needs = ["ete_need"]
places_per_year = 30
duration_months = 6
[variant.intervention.effect]
offending_rr = 0.91
rr_low = 0.8
rr_high = 1.03
)";

int run_case(const std::string& which) {
  const bool national = which[0] == 'a';
  const int threads = which == "a1" ? 1 : 2;
  std::string toml = national ? "[run]\nreplicates = 1\n[population]\nsize_10_17 = 5360653\n"
                              : "[run]\nreplicates = 200\n[population]\nsize_10_17 = 20000\n";
  if (which == "c2") toml += kVariants;
  const auto s = parse_scenario(toml, which);
  RunOptions o;
  o.threads = threads;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = run_scenario(s, o);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double pm = r.person_months_per_replicate * static_cast<double>(r.replicates);
  if (national)
    std::printf("(a) England and Wales, 1 replicate, %d thread%s: %.3g person-months in %.2f s = %.3g person-months/s; "
                "state %.1f bytes/person (%zu people); peak memory %.0f MiB\n",
                threads, threads > 1 ? "s" : "", pm, secs, pm / secs, r.state_bytes[0] / static_cast<double>(r.people_per_replicate),
                r.people_per_replicate, peak_mib());
  else if (which == "b2")
    std::printf("(b) default borough (20,000), 200 replicates, %d threads: %.3f s (target < 1 s); %.3g person-months/s; "
                "peak memory %.0f MiB\n",
                threads, secs, pm / secs, peak_mib());
  else
    std::printf("(c) default borough, 200 replicates, baseline + 3 intervention variants, %d threads: %.3f s "
                "(target < 5 s); peak memory %.0f MiB\n",
                threads, secs, peak_mib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2) return run_case(argv[1]);
  return yjsim::bench::run_each_in_fresh_process(argv[0], {"a1", "a2", "b2", "c2"});
}
