#include "sim/design.h"

#include <numeric>
#include <utility>

#include "sim/distributions.h"

namespace yjsim::sim {

std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t dims, const Stream& stream) {
  std::vector<std::vector<double>> pts(n, std::vector<double>(dims));
  for (std::size_t j = 0; j < dims; ++j) {
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    for (std::size_t i = perm.size(); i > 1; --i) {  // Fisher-Yates with addressed draws
      const auto w = stream.words(j, i, 0, 0);
      std::swap(perm[i - 1], perm[static_cast<std::size_t>(unit(w[0]) * static_cast<double>(i))]);
    }
    for (std::size_t i = 0; i < n; ++i)
      pts[i][j] = (static_cast<double>(perm[i]) + unit(stream.words(j, i, 1, 0)[0])) / static_cast<double>(n);
  }
  return pts;
}

}  // namespace yjsim::sim
