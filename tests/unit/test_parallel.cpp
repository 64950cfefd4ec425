// The worker pool (app/core/parallel.hpp): every item once, on as many threads as asked, the first
// exception rethrown after the calls under way have finished.

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "app/core/parallel.hpp"

using roadwork::for_each_parallel;

TEST_CASE("every item is worked on exactly once") {
  std::vector<std::atomic<int>> calls(1000);
  for_each_parallel(calls.size(), 4, [&](std::size_t i) { ++calls[i]; });
  for (const auto& count : calls) CHECK(count == 1);
}

TEST_CASE("`jobs` items run at once when there are that many") {
  // Each item waits until all three are running: on fewer threads the wait runs out and `met` stays false.
  std::mutex mutex;
  std::condition_variable all_running;
  int running = 0;
  std::set<std::thread::id> threads;
  std::atomic<int> met{0};
  for_each_parallel(3, 3, [&](std::size_t) {
    std::unique_lock lock(mutex);
    ++running;
    threads.insert(std::this_thread::get_id());
    all_running.notify_all();
    if (all_running.wait_for(lock, std::chrono::seconds(10), [&] { return running == 3; })) ++met;
  });
  CHECK(met == 3);
  CHECK(threads.size() == 3);
}

TEST_CASE("never more than `jobs` items at once") {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  for_each_parallel(30, 3, [&](std::size_t) {
    const int now = ++running;
    for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
  });
  CHECK(most >= 1);
  CHECK(most <= 3);
}

TEST_CASE("no items, and jobs below one, still work") {
  int calls = 0;
  for_each_parallel(0, 4, [&](std::size_t) { ++calls; });
  CHECK(calls == 0);
  for_each_parallel(3, 0, [&](std::size_t) { ++calls; });  // one thread: no race on `calls`
  CHECK(calls == 3);
}

TEST_CASE("the first exception stops the hand-out and is rethrown after the calls under way") {
  std::atomic<int> started{0};
  std::atomic<bool> slow_finished{false};
  const auto work = [&](std::size_t i) {
    ++started;
    if (i == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      slow_finished = true;
      return;
    }
    if (i == 1) throw std::runtime_error("item 1 failed");
  };
  CHECK_THROWS_WITH_AS(for_each_parallel(100, 2, work), "item 1 failed", std::runtime_error);
  CHECK(slow_finished);  // item 0 was under way: it finished before the rethrow
  CHECK(started < 100);  // the items after the failure were not handed out
}
