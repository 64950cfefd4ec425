#include "checker/run/headers.hpp"

#include <algorithm>

namespace roadwork::run {

bool same_header_name(std::string_view a, std::string_view b) {
  // Field names are tokens, so ASCII-only (RFC 9110 §5.1); no locale lookup per character on every request.
  const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](char x, char y) { return fold(x) == fold(y); });
}

std::optional<std::string> find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (same_header_name(key, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::string> header_values(const HeaderList& headers, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (same_header_name(key, name)) values.push_back(value);
  }
  return values;
}

void remove_header(HeaderList& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& header) { return same_header_name(header.first, name); });
}

}  // namespace roadwork::run
