#pragma once
// Addressed random numbers (STYLE.md 5): Philox4x64-10 keyed by (seed, purpose); every draw is addressed by a
// counter of four 64-bit words (typically entity, replicate, step, index). Nothing depends on the order in which
// draws are made, so results do not depend on threads or on what other entities did.
#include <Random123/philox.h>

#include <array>
#include <cstdint>

namespace yjsim::sim {

using Words = std::array<std::uint64_t, 4>;

class Stream {
 public:
  Stream(std::uint64_t seed, std::uint64_t purpose) : key_{{seed, purpose}} {}

  // Four independent 64-bit words for the address (a, b, c, d).
  Words words(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) const {
    r123::Philox4x64::ctr_type ctr = {{a, b, c, d}};
    const auto out = rng_(ctr, key_);
    return {out[0], out[1], out[2], out[3]};
  }

 private:
  r123::Philox4x64 rng_;
  r123::Philox4x64::key_type key_;
};

// A signed step (e.g. a month that may be negative in a burn-in) as a counter word.
inline std::uint64_t step_word(long step) { return static_cast<std::uint64_t>(step) ^ (1ULL << 63); }

// Uniform on [0, 1) with 53 random bits.
inline double unit(std::uint64_t w) { return static_cast<double>(w >> 11) * 0x1.0p-53; }
// Uniform on (0, 1]: for logarithms.
inline double unit_open_zero(std::uint64_t w) { return (static_cast<double>(w >> 11) + 1.0) * 0x1.0p-53; }

}  // namespace yjsim::sim
