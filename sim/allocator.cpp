#include "sim/allocator.h"

#include <algorithm>

namespace yjsim::sim {

std::vector<std::uint64_t> allocate(std::vector<Candidate> candidates, std::size_t capacity) {
  auto before = [](const Candidate& a, const Candidate& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.draw != b.draw) return a.draw < b.draw;
    return a.id < b.id;
  };
  const std::size_t k = std::min(capacity, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(k), candidates.end(), before);
  std::vector<std::uint64_t> ids;
  ids.reserve(k);
  for (std::size_t i = 0; i < k; ++i) ids.push_back(candidates[i].id);
  return ids;
}

}  // namespace yjsim::sim
