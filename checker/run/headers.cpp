#include "checker/run/headers.hpp"

#include <algorithm>
#include <cctype>

namespace roadwork::run {

bool same_header_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
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
