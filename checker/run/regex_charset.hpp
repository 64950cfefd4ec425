#pragma once
// Sets of code points for the regex engine: classes like [a-z], \d, \w, \s, [[:alpha:]], \p{Lu}, and the
// case folding of (?i).

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace roadwork::run::regex {

/// Code points as sorted, disjoint, non-adjacent inclusive ranges.
class CharSet {
 public:
  CharSet() = default;
  static CharSet single(char32_t c) { return range(c, c); }
  static CharSet range(char32_t first, char32_t last);

  void add(char32_t first, char32_t last);
  void add(const CharSet& other);
  /// Everything from U+0000 to U+10FFFF that is not in the set.
  CharSet negated() const;
  /// The set with the other case of every letter it holds (simple case folding for the Latin, Greek and
  /// Cyrillic alphabets; other scripts match their exact case only).
  CharSet case_folded() const;

  bool contains(char32_t c) const;
  const std::vector<std::pair<char32_t, char32_t>>& ranges() const { return ranges_; }

 private:
  std::vector<std::pair<char32_t, char32_t>> ranges_;
};

/// \d: decimal digits (Unicode Nd), as Rust's regex crate reads it by default.
const CharSet& digit_class();
/// \s: Unicode White_Space.
const CharSet& space_class();
/// \w: letters, marks, decimal digits, connector punctuation and joiners (Rust's Unicode \w).
const CharSet& word_class();

/// `[[:name:]]` ASCII classes (alnum, alpha, ascii, blank, cntrl, digit, graph, lower, print, punct, space,
/// upper, word, xdigit); nullopt for another name.
std::optional<CharSet> ascii_class(std::string_view name);

/// `\p{Lu}` / `\pL`: a Unicode general category, one or two letters (L, Lu, Nd, …); nullopt when unknown.
std::optional<CharSet> category_class(std::string_view name);

}  // namespace roadwork::run::regex
