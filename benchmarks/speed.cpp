// Speed targets of issue 17, printed as figures and as ratios to a floor loop this program runs itself on the same
// person-months (never asserted in unit tests):
//  (w) the interactive what-if: benchmarks/what_if.toml (the default borough, 200 replicates, three intervention
//      variants), 2 threads; target under 1 s whole process;
//  (n1, n2) England and Wales (scenarios/england_wales_2018.toml), 1 replicate, 1 and 2 threads; target within 2x
//      of the floor; state bytes per person (target <= 48).
// The floor: per person-month, one counter-based draw (SplitMix64 of person, month and replicate), one table
// look-up (the age's rate), one compare and one state write, for everyone alive in every simulated month
// (burn-in included), in the simulator's blocks on the same threads. Each case runs in its own process (its own
// peak memory); wall and CPU (user + sys) seconds are given for both.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "benchmarks/fresh_process.h"
#include "input/scenario_reader.h"
#include "models/entry_schedule.h"
#include "models/simulation.h"
#include "models/vocabulary.h"
#include "sim/parallel.h"

using namespace yjsim;

namespace {

struct Clock {  // wall and CPU seconds since construction
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu0 = cpu();
  static double cpu() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
  }
  double wall_s() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(); }
  double cpu_s() const { return cpu() - cpu0; }
};

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Floor {
  double wall, cpu, person_months;
  std::uint64_t checksum;
};

// The floor loop over `replicates` replicates of the scenario's baseline population (see the top of the file).
Floor floor_loop(const models::Scenario& s, long replicates, int threads) {
  const auto& p = s.baseline();
  const auto sched = models::make_entry_schedule(p);
  std::vector<double> rate(models::kExitAgeMonths);
  for (std::size_t a = 0; a < rate.size(); ++a) rate[a] = p.offending.base_rate * 0.01 * static_cast<double>(a % 17);
  std::vector<std::int16_t> state(sched.birth.size(), 0);
  std::vector<std::uint64_t> sums(static_cast<std::size_t>(replicates) * 4096, 0);
  double pm = 0;
  for (long t = sched.first_month; t <= sched.last_month; ++t) {
    const auto alive_end = static_cast<std::size_t>(sched.entered(t));
    const auto gone = static_cast<std::size_t>(
        std::upper_bound(sched.birth.begin(), sched.birth.end(), static_cast<std::int16_t>(std::max(t - models::kExitAgeMonths, -32000L))) -
        sched.birth.begin());
    pm += static_cast<double>(alive_end - std::min(alive_end, gone));
  }
  const Clock clock;
  const std::size_t block = 1 << 14;
  sim::with_threads(threads, [&] {
    for (long r = 0; r < replicates; ++r)
      for (long t = sched.first_month; t <= sched.last_month; ++t) {
        const auto alive_end = static_cast<std::size_t>(sched.entered(t));
        const auto gone = static_cast<std::size_t>(
            std::upper_bound(sched.birth.begin(), sched.birth.end(),
                             static_cast<std::int16_t>(std::max(t - models::kExitAgeMonths, -32000L))) -
            sched.birth.begin());
        const std::size_t first = std::min(gone, alive_end);
        sim::parallel_for_blocks(alive_end - first, block, [&](std::size_t b, std::size_t begin, std::size_t end) {
          std::uint64_t hits = 0;
          for (std::size_t i = first + begin; i < first + end; ++i) {
            const std::uint64_t w = splitmix64(i ^ (static_cast<std::uint64_t>(t + 1000) << 40) ^ (static_cast<std::uint64_t>(r) << 56));
            const double u = static_cast<double>(w >> 11) * 0x1.0p-53;
            const bool event = u < rate[static_cast<std::size_t>(t - sched.birth[i])];
            state[i] = event ? static_cast<std::int16_t>(t) : state[i];
            hits += event;
          }
          sums[(static_cast<std::size_t>(r) * 4096 + b) % sums.size()] += hits;
        });
      }
  });
  std::uint64_t checksum = 0;
  for (auto x : sums) checksum += x;
  for (auto x : state) checksum += static_cast<std::uint64_t>(x);
  return {clock.wall_s(), clock.cpu_s(), pm * static_cast<double>(replicates), checksum};
}

int run_case(const std::string& which) {
  const bool national = which[0] == 'n';
  const int threads = which == "n1" ? 1 : 2;
  const std::string file = std::string(YJSIM_SOURCE_DIR) + (national ? "/scenarios/england_wales_2018.toml" : "/benchmarks/what_if.toml");
  auto s = input::load_scenario(file);
  if (national) s.variants.resize(1);
  const long replicates = national ? 1 : static_cast<long>(s.baseline().run.replicates);
  models::RunOptions o;
  o.threads = threads;
  o.replicate_count = replicates;
  const Clock clock;
  const auto r = models::run_scenario(s, o);
  const double wall = clock.wall_s(), cpu = clock.cpu_s();
  const Floor f = floor_loop(s, replicates, threads);
  double load[1] = {0};
  getloadavg(load, 1);
  if (national)
    std::printf("(n%d) England and Wales, 1 replicate, %d thread%s: %.2f s wall, %.2f s CPU; floor loop %.2f s wall, %.2f s CPU "
                "(%.3g person-months); run / floor = %.2f wall, %.2f CPU (target <= 2); state %.1f bytes/person "
                "(target <= 48; %zu people); peak %.0f MiB; load %.1f (checksum %llu)\n",
                threads, threads, threads > 1 ? "s" : "", wall, cpu, f.wall, f.cpu, f.person_months, wall / f.wall, cpu / f.cpu,
                r.state_bytes[0] / static_cast<double>(r.people_per_replicate), r.people_per_replicate, peak_mib(), load[0],
                static_cast<unsigned long long>(f.checksum));
  else
    std::printf("(w) what-if: default borough, %ld replicates, baseline + %zu variants, %d threads: %.2f s wall, %.2f s CPU "
                "(target < 1 s wall); floor loop over the baseline's person-months (%.3g) %.2f s wall, %.2f s CPU; "
                "run / floor = %.2f wall, %.2f CPU; peak %.0f MiB; load %.1f (checksum %llu)\n",
                replicates, s.variants.size() - 1, threads, wall, cpu, f.person_months, f.wall, f.cpu, wall / f.wall, cpu / f.cpu,
                peak_mib(), load[0], static_cast<unsigned long long>(f.checksum));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2) return run_case(argv[1]);
  return yjsim::bench::run_each_in_fresh_process(argv[0], {"w", "n1", "n2"});
}
