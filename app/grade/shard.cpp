#include "app/grade/shard.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

namespace roadwork::grade {
namespace {

constexpr int kMaxShards = 1000;

bool parse_number(std::string_view text, int& value) {
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc{} && ptr == end;
}

}  // namespace

std::string parse_shard(std::string_view text, Shard& shard) {
  const auto slash = text.find('/');
  Shard parsed;
  if (slash == std::string_view::npos || !parse_number(text.substr(0, slash), parsed.index) ||
      !parse_number(text.substr(slash + 1), parsed.count) || parsed.index < 1 ||
      parsed.index > parsed.count || parsed.count > kMaxShards) {
    return fmt::format("expected I/N with 1 <= I <= N <= {} (e.g. 2/4), got {}", kMaxShards, text);
  }
  shard = parsed;
  return "";
}

bool in_shard(std::string_view submission, const Shard& shard) {
  // FNV-1a, 64 bits (offset basis and prime from the FNV specification, draft-eastlake-fnv).
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : submission) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return static_cast<int>(hash % static_cast<std::uint64_t>(shard.count)) == shard.index - 1;
}

}  // namespace roadwork::grade
