#include "app/sandbox/limits.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace roadwork::sandbox {

using namespace std::chrono_literals;

namespace {
constexpr std::uint64_t kMiB = 1024 * 1024;
}

Limits Limits::generous() {
  Limits limits;
  // A check run lasts a minute at most, so five minutes of CPU is only ever reached by a process spinning
  // in a loop that outlived several runs, or by many processes at once.
  limits.process = {.cpu_seconds = 300,
                    .data_bytes = 4096 * kMiB,
                    .open_files = 4096,
                    .file_bytes = 1024 * kMiB,
                    .processes = 1024};
  return limits;
}

Limits Limits::strict() {
  Limits limits;
  // A node server takes ~0.1 s of CPU to start and ~60 MiB of data; Python half of that. Node also runs
  // ~11 threads (libuv's pool, V8's workers), which the process limit counts.
  limits.process = {.cpu_seconds = 10,
                    .data_bytes = 512 * kMiB,
                    .open_files = 256,
                    .file_bytes = 64 * kMiB,
                    .processes = 64};
  limits.startup_timeout = 10s;
  limits.run_timeout = 60s;
  limits.request_timeout = 5s;
  limits.max_body_bytes = 1 * kMiB;
  return limits;
}

std::optional<Limits> Limits::preset(std::string_view name) {
  if (name == "default") return generous();
  if (name == "strict") return strict();
  return std::nullopt;
}

std::chrono::milliseconds bounded(std::chrono::milliseconds own, std::chrono::milliseconds bound) {
  return bound > 0ms ? std::min(own, bound) : own;
}

std::string describe_bytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  auto value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  // Whole numbers print without a decimal point: "64 KiB", not "64.0 KiB".
  if (value == static_cast<double>(static_cast<std::uint64_t>(value))) {
    return fmt::format("{} {}", static_cast<std::uint64_t>(value), kUnits[unit]);
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string describe_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

}  // namespace roadwork::sandbox
