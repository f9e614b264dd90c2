#include <doctest/doctest.h>

#include <algorithm>

#include "sim/allocator.h"

using namespace yjsim::sim;

TEST_CASE("allocation: priority, then keyed draw, then id - never more than capacity - order-free") {
  std::vector<Candidate> c{{5, 1.0, 9}, {3, 2.0, 1}, {4, 1.0, 2}, {1, 1.0, 2}, {2, 0.5, 0}};
  const auto ids = allocate(c, 3);
  CHECK(ids == std::vector<std::uint64_t>{3, 1, 4});
  std::reverse(c.begin(), c.end());
  CHECK(allocate(c, 3) == ids);
  CHECK(allocate(c, 0).empty());
  CHECK(allocate(c, 100).size() == c.size());
}
