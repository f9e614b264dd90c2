// Reproducibility (STYLE.md 6, MODEL.md §9): bit-identical at any thread count; paired variants.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "fixture.h"

using namespace yjsim::models;
using yjsim::test::same_bits;
using yjsim::test::sd;

namespace {
bool identical(const Results& a, const Results& b, std::size_t va = 0, std::size_t vb = 0) {
  const auto& x = a.variants[va].replicates;
  const auto& y = b.variants[vb].replicates;
  if (x.size() != y.size()) return false;
  for (std::size_t r = 0; r < x.size(); ++r)
    for (std::size_t k = 0; k < x[r].period.size(); ++k) {
      for (std::size_t p = 0; p < x[r].period[k].size(); ++p)
        if (!same_bits(x[r].period[k][p], y[r].period[k][p])) return false;
      for (std::size_t p = 0; p < x[r].year[k].size(); ++p)
        if (!same_bits(x[r].year[k][p], y[r].year[k][p])) return false;
    }
  return true;
}

const char* kScenario = R"(
[run]
replicates = 6
months = 24
[population]
size_10_17 = 30000
[[variant]]
name = "unchanged"
description = "no change at all"
[[variant]]
name = "fewer_charges"
[variant.outcome]
none = [0.47, 0.31, 0.11, 0.10, 0.01]
[[variant]]
name = "lower_rate"
[variant.offending]
base_rate = 0.035
)";
}  // namespace

TEST_CASE("bit-identical results at 1, 2 and 4 threads, with small blocks so that blocks really run in parallel") {
  const auto s = yjsim::test::scenario(kScenario);
  RunOptions o;
  o.block_size = 4096;
  o.threads = 1;
  const auto one = run_scenario(s, o);
  o.threads = 2;
  const auto two = run_scenario(s, o);
  o.threads = 4;
  const auto four = run_scenario(s, o);
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    CHECK(identical(one, two, v, v));
    CHECK(identical(one, four, v, v));
  }
}

TEST_CASE("a variant with no changes differs from the baseline by exactly 0 - changed variants differ") {
  const auto r = run_scenario(yjsim::test::scenario(kScenario));
  CHECK(identical(r, r, 0, 1));
  CHECK_FALSE(identical(r, r, 0, 2));
  CHECK_FALSE(identical(r, r, 0, 3));
  for (std::size_t p = 0; p < 8; ++p)
    for (double d : r.diffs(1, kpi_index("fte_count"), p, false)) CHECK(d == 0.0);
}

TEST_CASE("the baseline does not depend on which variants run beside it") {
  // A rate-changing variant makes quiet people wake at month 0; the baseline's results must not change.
  const auto alone = run_scenario(yjsim::test::scenario("[run]\nreplicates = 4\nmonths = 24\n"));
  const auto with = run_scenario(yjsim::test::scenario(
      "[run]\nreplicates = 4\nmonths = 24\n[[variant]]\nname = \"v\"\n[variant.offending]\nbase_rate = 0.03\n"));
  CHECK(identical(alone, with, 0, 0));
}

TEST_CASE("a different seed gives different results - the same seed the same") {
  const auto a = run_scenario(yjsim::test::scenario("[run]\nreplicates = 2\nmonths = 12\nseed = 1\n"));
  const auto b = run_scenario(yjsim::test::scenario("[run]\nreplicates = 2\nmonths = 12\nseed = 2\n"));
  const auto c = run_scenario(yjsim::test::scenario("[run]\nreplicates = 2\nmonths = 12\nseed = 1\n"));
  CHECK_FALSE(identical(a, b));
  CHECK(identical(a, c));
}

TEST_CASE("paired differences are far less noisy than the difference of independent runs") {
  const auto s = yjsim::test::scenario(R"(
[run]
replicates = 40
months = 12
[[variant]]
name = "more_community_resolutions"
[variant.outcome]
none = [0.47, 0.35, 0.06, 0.10, 0.02]
)");
  const auto paired = run_scenario(s);
  auto independent = yjsim::test::scenario(
      "[run]\nreplicates = 40\nmonths = 12\nseed = 99\n[outcome]\nnone = [0.47, 0.35, 0.06, 0.10, 0.02]\n");
  const auto other = run_scenario(independent);
  const int k = kpi_index("fte_count");
  const auto d_paired = paired.diffs(1, k, 0, true);
  auto d_indep = other.values(0, k, 0, true);
  const auto base = paired.values(0, k, 0, true);
  for (std::size_t i = 0; i < d_indep.size(); ++i) d_indep[i] -= base[i];
  MESSAGE("SD of paired difference " << sd(d_paired) << " vs independent " << sd(d_indep));
  CHECK(sd(d_paired) < 0.5 * sd(d_indep));
}

TEST_CASE("replicates run in pieces equal the same replicates run at once") {
  const auto s = yjsim::test::scenario(kScenario);
  const auto whole = run_scenario(s);
  RunOptions o;
  o.replicate_count = 2;
  auto pieces = run_scenario(s, o);
  o.first_replicate = 2;
  o.replicate_count = 3;
  append_replicates(pieces, run_scenario(s, o));
  o.first_replicate = 5;
  o.replicate_count = -1;
  append_replicates(pieces, run_scenario(s, o));
  CHECK(pieces.replicates == whole.replicates);
  for (std::size_t v = 0; v < s.variants.size(); ++v) CHECK(identical(whole, pieces, v, v));
}
