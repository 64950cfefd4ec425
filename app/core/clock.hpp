#pragma once
// The wall-clock time the progress store and the grading database record events at.

#include <chrono>
#include <cstdint>

namespace roadwork {

/// Now, in Unix epoch milliseconds.
inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace roadwork
