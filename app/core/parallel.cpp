#include "app/core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace roadwork {

void for_each_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards `failure`
  std::exception_ptr failure;
  const auto take = [&] {
    for (std::size_t i; !failed && (i = next++) < count;) {
      try {
        work(i);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    const auto wanted = std::min(static_cast<std::size_t>(std::max(jobs, 1)), count);
    for (std::size_t t = 0; t < wanted; ++t) threads.emplace_back(take);
  }  // joined here
  if (failure) std::rethrow_exception(failure);
}

}  // namespace roadwork
