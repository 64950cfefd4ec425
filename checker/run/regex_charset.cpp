#include "checker/run/regex_charset.hpp"

#include <algorithm>
#include <array>

#include "checker/jsonpath/unicode_categories.hpp"

namespace roadwork::run::regex {

namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

// Blocks where upper and lower case letters sit a fixed distance apart: [first, last] upper case, lower
// case at +delta. Enough for the alphabets learners' APIs use; Rust folds all of Unicode.
struct FoldBlock {
  char32_t first;
  char32_t last;
  char32_t delta;
};
constexpr std::array<FoldBlock, 7> kFoldBlocks{{
    {U'A', U'Z', 0x20},
    {0xC0, 0xD6, 0x20},    // À-Ö
    {0xD8, 0xDE, 0x20},    // Ø-Þ
    {0x391, 0x3A1, 0x20},  // Greek Α-Ρ
    {0x3A3, 0x3AB, 0x20},  // Greek Σ-Ϋ
    {0x410, 0x42F, 0x20},  // Cyrillic А-Я
    {0x400, 0x40F, 0x50},  // Cyrillic Ѐ-Џ
}};

// The code points of every general category whose name starts with `major` and, unless it is 0, whose
// second letter is `minor`.
CharSet from_categories(char major, char minor) {
  CharSet set;
  const auto runs = jsonpath::category_runs();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].major != major || (minor != 0 && runs[i].minor != minor)) continue;
    const char32_t last = i + 1 < runs.size() ? runs[i + 1].first - 1 : kMaxCodePoint;
    set.add(runs[i].first, last);
  }
  return set;
}

}  // namespace

CharSet CharSet::range(char32_t first, char32_t last) {
  CharSet set;
  set.add(first, last);
  return set;
}

void CharSet::add(char32_t first, char32_t last) {
  if (first > last) return;
  ranges_.emplace_back(first, last);
  std::sort(ranges_.begin(), ranges_.end());
  std::vector<std::pair<char32_t, char32_t>> merged;
  for (const auto& [low, high] : ranges_) {
    if (!merged.empty() && low <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, high);
    } else {
      merged.emplace_back(low, high);
    }
  }
  ranges_ = std::move(merged);
}

void CharSet::add(const CharSet& other) {
  for (const auto& [first, last] : other.ranges_) add(first, last);
}

CharSet CharSet::negated() const {
  CharSet out;
  char32_t next = 0;
  for (const auto& [first, last] : ranges_) {
    if (first > next) out.ranges_.emplace_back(next, first - 1);
    next = last + 1;
  }
  if (next <= kMaxCodePoint) out.ranges_.emplace_back(next, kMaxCodePoint);
  return out;
}

CharSet CharSet::case_folded() const {
  CharSet out = *this;
  for (const auto& [first, last] : ranges_) {
    for (const auto& block : kFoldBlocks) {
      // Upper case letters in the range gain their lower case, and the other way round.
      const auto upper_low = std::max(first, block.first);
      const auto upper_high = std::min(last, block.last);
      if (upper_low <= upper_high) out.add(upper_low + block.delta, upper_high + block.delta);
      const auto lower_low = std::max<char32_t>(first, block.first + block.delta);
      const auto lower_high = std::min<char32_t>(last, block.last + block.delta);
      if (lower_low <= lower_high) out.add(lower_low - block.delta, lower_high - block.delta);
    }
  }
  return out;
}

bool CharSet::contains(char32_t c) const {
  const auto after = std::upper_bound(ranges_.begin(), ranges_.end(), c,
                                      [](char32_t value, const auto& range) { return value < range.first; });
  return after != ranges_.begin() && c <= std::prev(after)->second;
}

const CharSet& digit_class() {
  static const CharSet set = from_categories('N', 'd');
  return set;
}

const CharSet& space_class() {
  static const CharSet set = [] {
    CharSet out = CharSet::range(U'\t', U'\r');
    for (const char32_t c : {U' ', char32_t{0x85}, char32_t{0xA0}, char32_t{0x1680}, char32_t{0x2028},
                             char32_t{0x2029}, char32_t{0x202F}, char32_t{0x205F}, char32_t{0x3000}}) {
      out.add(c, c);
    }
    out.add(0x2000, 0x200A);
    return out;
  }();
  return set;
}

const CharSet& word_class() {
  static const CharSet set = [] {
    CharSet out = from_categories('L', 0);
    out.add(from_categories('M', 0));
    out.add(from_categories('N', 'd'));
    out.add(from_categories('N', 'l'));
    out.add(from_categories('P', 'c'));
    out.add(0x200C, 0x200D);  // Join_Control
    return out;
  }();
  return set;
}

std::optional<CharSet> ascii_class(std::string_view name) {
  CharSet set;
  if (name == "alnum") {
    set.add(U'0', U'9'), set.add(U'A', U'Z'), set.add(U'a', U'z');
  } else if (name == "alpha") {
    set.add(U'A', U'Z'), set.add(U'a', U'z');
  } else if (name == "ascii") {
    set.add(0, 0x7F);
  } else if (name == "blank") {
    set.add(U'\t', U'\t'), set.add(U' ', U' ');
  } else if (name == "cntrl") {
    set.add(0, 0x1F), set.add(0x7F, 0x7F);
  } else if (name == "digit") {
    set.add(U'0', U'9');
  } else if (name == "graph") {
    set.add(U'!', U'~');
  } else if (name == "lower") {
    set.add(U'a', U'z');
  } else if (name == "print") {
    set.add(U' ', U'~');
  } else if (name == "punct") {
    set.add(U'!', U'/'), set.add(U':', U'@'), set.add(U'[', U'`'), set.add(U'{', U'~');
  } else if (name == "space") {
    set.add(U'\t', U'\r'), set.add(U' ', U' ');
  } else if (name == "upper") {
    set.add(U'A', U'Z');
  } else if (name == "word") {
    set.add(U'0', U'9'), set.add(U'A', U'Z'), set.add(U'a', U'z'), set.add(U'_', U'_');
  } else if (name == "xdigit") {
    set.add(U'0', U'9'), set.add(U'A', U'F'), set.add(U'a', U'f');
  } else {
    return std::nullopt;
  }
  return set;
}

std::optional<CharSet> category_class(std::string_view name) {
  if (name.empty() || name.size() > 2) return std::nullopt;
  auto set = from_categories(name[0], name.size() == 2 ? name[1] : '\0');
  if (set.ranges().empty()) return std::nullopt;
  return set;
}

}  // namespace roadwork::run::regex
