#pragma once
// Deterministic capacity allocation: candidates are ordered by priority (higher first), then by a keyed random
// draw (lower first), then by id; the first `capacity` take the places. The order in which candidates were
// collected (e.g. by threads) cannot change the result.
#include <cstdint>
#include <vector>

namespace yjsim::sim {

struct Candidate {
  std::uint64_t id;
  double priority;     // higher is served first
  std::uint64_t draw;  // keyed tie-break
};

// Returns the ids that get a place, in service order.
std::vector<std::uint64_t> allocate(std::vector<Candidate> candidates, std::size_t capacity);

}  // namespace yjsim::sim
