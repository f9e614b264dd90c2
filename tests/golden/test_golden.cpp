// The golden digest: every KPI and breakdown value (every variant, replicate, quarter and year) of a small scenario that
// touches every part of the pathway and every kind of intervention, hashed bit for bit. Any change of results
// moves it; the commit that moves it says why and records the new digest in tests/golden/digest.txt.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "fixture.h"

namespace {

std::uint64_t digest(const yjsim::models::Results& r) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the bytes of every value
  auto add = [&](double x) {
    unsigned char b[sizeof x];
    std::memcpy(b, &x, sizeof x);
    for (unsigned char c : b) h = (h ^ c) * 1099511628211ULL;
  };
  for (const auto& v : r.variants)
    for (const auto& rep : v.replicates) {
      for (const auto& k : rep.period) for (double x : k) add(x);
      for (const auto& k : rep.year) for (double x : k) add(x);
      for (const auto& k : rep.cells_period) for (double x : k) add(x);
      for (const auto& k : rep.cells_year) for (double x : k) add(x);
    }
  return h;
}

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The n-th digest recorded in tests/golden/digest.txt (lines that are not comments).
std::string recorded(int n = 0) {
  std::ifstream in(std::string(YJSIM_SOURCE_DIR) + "/tests/golden/digest.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#' && n-- == 0) return line.substr(0, 16);
  return "";
}

// The results file's contract KPIs only (docs/kpis.md: the first 19), by name, so that adding a KPI later does
// not move a digest that watches version 1's figures.
std::uint64_t contract_digest(const yjsim::models::Results& r) {
  const char* names[] = {"fte_count", "fte_rate_per_100k", "reoffending_cohort_size", "reoffenders", "reoffences",
                         "reoffending_binary_rate", "reoffending_frequency_rate", "reoffences_per_reoffender",
                         "custodial_sentences", "custody_rate_per_1000", "remand_episodes", "custody_population",
                         "population_10_17", "children_cautioned_or_sentenced", "caseload", "transitions",
                         "offences_committed", "proven_offences", "cost_gbp"};
  std::uint64_t h = 1469598103934665603ULL;
  for (const char* k : names)
    for (std::size_t p = 0; p < static_cast<std::size_t>(r.calendar.periods()); ++p)
      for (double x : r.values(0, yjsim::models::kpi_index(k), p, false)) {
        unsigned char b[sizeof x];
        std::memcpy(b, &x, sizeof x);
        for (unsigned char c : b) h = (h ^ c) * 1099511628211ULL;
      }
  return h;
}

}  // namespace

TEST_CASE("golden digest: the small scenario's complete output is unchanged (at 1 and 2 threads)") {
  const auto s = yjsim::input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/tests/fixtures/golden.toml");
  yjsim::models::RunOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const std::string d1 = hex(digest(yjsim::models::run_scenario(s, one)));
  const std::string d2 = hex(digest(yjsim::models::run_scenario(s, two)));
  CHECK(d1 == d2);
  INFO("results changed: if on purpose, put " << d1 << " in tests/golden/digest.txt and say why in the commit");
  CHECK(d1 == recorded());
}

TEST_CASE("the version 1 scenario gives version 1's figures (at borough scale, by its contract KPIs)") {
  auto s = yjsim::input::load_scenario(std::string(YJSIM_SOURCE_DIR) + "/scenarios/england_wales_2018_v1.toml");
  for (auto& v : s.variants) {
    v.params.population.size_10_17 = 30000;
    v.params.run.replicates = 2;
    v.params.run.months = 24;
  }
  const std::string d = hex(contract_digest(yjsim::models::run_scenario(s)));
  INFO("version 1's figures changed: " << d << " (the second digest in tests/golden/digest.txt)");
  CHECK(d == recorded(1));
}
