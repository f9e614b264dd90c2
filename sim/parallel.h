#pragma once
// Parallel loops whose results never depend on the thread count: work is split into fixed blocks whose results go
// into preallocated slots, and any reduction runs over the slots in a fixed order afterwards.
#include <atomic>
#include <cstddef>
#include <functional>

namespace yjsim::sim {

// Runs body(i) for i in [0, n) on the TBB pool. Each i must write only its own slot.
void parallel_for_each_index(std::size_t n, const std::function<void(std::size_t)>& body);

// Runs body(block, begin, end) over fixed blocks of `block_size` items of [0, n).
void parallel_for_blocks(std::size_t n, std::size_t block_size,
                         const std::function<void(std::size_t, std::size_t, std::size_t)>& body);

// Limits the threads used by everything called inside `body` (threads <= 0: all cores).
void with_threads(int threads, const std::function<void()>& body);

}  // namespace yjsim::sim
