#include "app/course/names.hpp"

#include <re2/re2.h>

namespace roadwork::course {

namespace {

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool is_kebab_case(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (is_word_char(id[i])) continue;
    if (id[i] != '-' || id[i + 1] == '-') return false;
  }
  return true;
}

bool is_semantic_version(std::string_view version) {
  static const RE2 kSemver(R"((0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*))"
                           R"((-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)");
  return RE2::FullMatch(re2::StringPiece(version.data(), version.size()), kSemver);
}

std::string to_kebab_case(std::string_view text) {
  std::string id;
  for (const char c : text) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (is_word_char(lower))
      id += lower;
    else if (!id.empty() && id.back() != '-')
      id += '-';
  }
  if (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

}  // namespace roadwork::course
