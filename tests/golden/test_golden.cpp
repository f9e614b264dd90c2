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

std::string recorded() {
  std::ifstream in(std::string(YJSIM_SOURCE_DIR) + "/tests/golden/digest.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') return line.substr(0, 16);
  return "";
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
