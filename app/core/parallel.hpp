#pragma once
// The one worker pool of roadwork: grade's submissions and pack validate's runs go through it.

#include <cstddef>
#include <functional>

namespace roadwork {

/// Calls `work(i)` once for every i in [0, count), on min(max(jobs, 1), count) threads, each taking the next
/// i as it frees up (items are handed out in order of i). Returns when every call has returned. The first
/// exception a call throws stops the hand-out of further items and is rethrown here once the calls under
/// way have finished; later ones are dropped.
void for_each_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& work);

}  // namespace roadwork
