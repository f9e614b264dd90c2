// Speed of the live tracker (issue 12): a cohort of 1,000 children projected with 1,000 draws on 2 threads, the
// reference run included (target < 5 s on 2 cores). Prints the wall time of the reference run and of the
// projection, and the projection's ratio to a floor loop run here: one Philox draw and one table look-up per child
// and draw, the least any projection of this design can do.
#include <chrono>
#include <cstdio>

#include "analysis/tracker.h"
#include "input/scenario_reader.h"
#include "models/streams.h"
#include "sim/parallel.h"
#include "sim/random.h"

using namespace yjsim;

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main() {
  const auto s = input::parse_scenario("[population]\nsize_10_17 = 200000\n", "benchmark");
  // 1,000 cohort entries of a simulated service, seen mid-follow-up.
  const auto service = models::reference_run(s, 99, 1, 2);
  auto x = analysis::synthetic_extract(service, 0, 6, 23, 26);
  if (x.children.size() > 1000) x.children.resize(1000);
  std::printf("extract: %zu cohort entries, %zu offence groups\n", x.children.size(), x.events.size());
  const auto t0 = std::chrono::steady_clock::now();
  const auto pool = analysis::make_reference(s, 1, 6, 2);  // 1,200,000 children, as yjsim track by default
  const double reference = since(t0);
  analysis::TrackOptions o;
  o.draws = 1000;
  o.threads = 2;
  const auto t1 = std::chrono::steady_clock::now();
  const auto t = analysis::track(x, pool, o);
  const double projection = since(t1);
  // The floor: a draw and a look-up per child and draw, in parallel blocks as the projection does.
  const auto& entries = pool.run(0).entries;
  const auto t2 = std::chrono::steady_clock::now();
  std::vector<double> sums(1000, 0.0);
  sim::with_threads(2, [&] {
    sim::parallel_for_each_index(1000, [&](std::size_t d) {
      const sim::Stream stream(1, models::purpose_id(models::Purpose::tracker));
      long total = 0;
      for (std::size_t i = 0; i < 1000; ++i)
        total += entries[stream.words(i, d, 0, 0)[0] % entries.size()].final();
      sums[d] = static_cast<double>(total);
    });
  });
  const double floor = since(t2);
  std::printf("reference run (%zu simulated children): %.2f s; projection of %zu children x %ld draws: %.3f s; "
              "total %.2f s (target < 5 s on 2 cores)\n",
              pool.entries(), reference, x.children.size(), t.draws, projection, reference + projection);
  std::printf("floor loop (1 draw + 1 look-up per child and draw): %.4f s; projection / floor = %.1f (checksum %g)\n",
              floor, projection / floor, sums[0] + t.cohorts.front().binary_final.summary.mean);
  return 0;
}
