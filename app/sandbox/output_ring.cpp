#include "app/sandbox/output_ring.hpp"

#include <algorithm>

namespace roadwork::sandbox {

OutputRing::OutputRing(std::size_t capacity) : buffer_(capacity, '\0') {}

void OutputRing::append(std::string_view bytes) {
  const std::size_t capacity = buffer_.size();
  if (bytes.size() >= capacity) {
    // Only the tail of this chunk survives; everything kept so far goes too.
    dropped_ += size_ + bytes.size() - capacity;
    bytes.remove_prefix(bytes.size() - capacity);
    std::copy(bytes.begin(), bytes.end(), buffer_.begin());
    start_ = 0;
    size_ = capacity;
    return;
  }
  const std::size_t overflow = size_ + bytes.size() > capacity ? size_ + bytes.size() - capacity : 0;
  dropped_ += overflow;
  start_ = (start_ + overflow) % capacity;
  size_ -= overflow;
  std::size_t write_at = (start_ + size_) % capacity;
  const std::size_t first = std::min(bytes.size(), capacity - write_at);
  std::copy_n(bytes.begin(), first, buffer_.begin() + static_cast<std::ptrdiff_t>(write_at));
  std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(first), bytes.end(), buffer_.begin());
  size_ += bytes.size();
}

std::string OutputRing::contents() const {
  std::string out;
  out.reserve(size_);
  const std::size_t first = std::min(size_, buffer_.size() - start_);
  out.append(buffer_, start_, first);
  out.append(buffer_, 0, size_ - first);
  return out;
}

std::string OutputRing::last_lines(std::size_t count) const {
  std::string text = contents();
  if (count == 0) return {};
  // A trailing newline ends the last line rather than starting an empty one.
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (std::size_t seen = 0; pos > 0; --pos) {
    if (text[pos - 1] == '\n' && ++seen == count) break;
  }
  return text.substr(pos);
}

}  // namespace roadwork::sandbox
