#include "sim/parallel.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace yjsim::sim {

void parallel_for_each_index(std::size_t n, const std::function<void(std::size_t)>& body) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
                    },
                    tbb::simple_partitioner());
}

void parallel_for_blocks(std::size_t n, std::size_t block_size,
                         const std::function<void(std::size_t, std::size_t, std::size_t)>& body) {
  const std::size_t blocks = (n + block_size - 1) / block_size;
  parallel_for_each_index(blocks, [&](std::size_t b) {
    const std::size_t begin = b * block_size;
    const std::size_t end = begin + block_size < n ? begin + block_size : n;
    body(b, begin, end);
  });
}

void with_threads(int threads, const std::function<void()>& body) {
  if (threads <= 0) {
    body();
    return;
  }
  tbb::task_arena arena(threads);
  arena.execute([&] { body(); });
}

}  // namespace yjsim::sim
