#pragma once
// A byte buffer that keeps only the most recent `capacity` bytes written to it, and counts the rest.

#include <cstddef>
#include <string>
#include <string_view>

namespace roadwork::sandbox {

/// Keeps the last `capacity` bytes appended; older bytes are dropped and counted. Not thread-safe: the owner
/// serialises access.
class OutputRing {
 public:
  /// `capacity` is in bytes; 0 keeps nothing (every byte is counted as dropped).
  explicit OutputRing(std::size_t capacity);

  void append(std::string_view bytes);

  /// The kept bytes, oldest first (at most `capacity`).
  std::string contents() const;

  /// How many bytes were appended but are no longer kept.
  std::size_t dropped() const { return dropped_; }

  /// The last `count` lines of the kept bytes, each ending in '\n' except perhaps the last (an unfinished
  /// line is kept as it is). A line cut in two by the capacity starts mid-way.
  std::string last_lines(std::size_t count) const;

 private:
  std::string buffer_;  // sized to the capacity once; `start_` is the oldest kept byte once it is full
  std::size_t start_ = 0;
  std::size_t size_ = 0;  // bytes kept, <= buffer_.size()
  std::size_t dropped_ = 0;
};

}  // namespace roadwork::sandbox
