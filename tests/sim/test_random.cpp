#include <doctest/doctest.h>

#include "sim/random.h"

using yjsim::sim::Stream;

// Known-answer vectors of Random123's kat_vectors file for Philox4x64-10 (key words, counter words, output).
TEST_CASE("Philox4x64-10 reproduces Random123's known-answer vectors") {
  const Stream zero(0, 0);
  const auto a = zero.words(0, 0, 0, 0);
  CHECK(a[0] == 0x16554d9eca36314cULL);
  CHECK(a[1] == 0xdb20fe9d672d0fdcULL);
  CHECK(a[2] == 0xd7e772cee186176bULL);
  CHECK(a[3] == 0x7e68b68aec7ba23bULL);
  const Stream ones(~0ULL, ~0ULL);
  const auto b = ones.words(~0ULL, ~0ULL, ~0ULL, ~0ULL);
  CHECK(b[0] == 0x87b092c3013fe90bULL);
  CHECK(b[1] == 0x438c3c67be8d0224ULL);
  CHECK(b[2] == 0x9cc7d7c69cd777b6ULL);
  CHECK(b[3] == 0xa09caebf594f0ba0ULL);
  const Stream pi(0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL);
  const auto c = pi.words(0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL);
  CHECK(c[0] == 0xa528f45403e61d95ULL);
  CHECK(c[1] == 0x38c72dbd566e9788ULL);
  CHECK(c[2] == 0xa5a1610e72fd18b5ULL);
  CHECK(c[3] == 0x57bd43b5e52b7fe6ULL);
}

TEST_CASE("same address gives the same words - any other key or counter differs") {
  const Stream s(42, 7);
  CHECK(s.words(1, 2, 3, 4) == s.words(1, 2, 3, 4));
  CHECK(Stream(42, 7).words(1, 2, 3, 4) == s.words(1, 2, 3, 4));
  CHECK(Stream(43, 7).words(1, 2, 3, 4) != s.words(1, 2, 3, 4));
  CHECK(Stream(42, 8).words(1, 2, 3, 4) != s.words(1, 2, 3, 4));
  CHECK(s.words(1, 2, 3, 5) != s.words(1, 2, 3, 4));
  CHECK(s.words(2, 1, 3, 4) != s.words(1, 2, 3, 4));
}

TEST_CASE("uniforms are in range and a negative step is a distinct counter") {
  using namespace yjsim::sim;
  CHECK(unit(0) == 0.0);
  CHECK(unit(~0ULL) < 1.0);
  CHECK(unit_open_zero(0) > 0.0);
  CHECK(unit_open_zero(~0ULL) == 1.0);
  CHECK(step_word(-1) != step_word(1));
  CHECK(step_word(0) != 0);
}
