#pragma once
// The wall-clock time the progress store records events at.

#include <chrono>
#include <cstdint>

namespace roadwork::cli {

/// Now, in Unix epoch milliseconds.
inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace roadwork::cli
