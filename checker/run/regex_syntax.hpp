#pragma once
// The syntax of regular expressions in checks: Rust's regex crate, which Hurl uses, in the subset below.

#include <string>
#include <string_view>
#include <vector>

#include "checker/run/regex_charset.hpp"
#include "checker/run/result.hpp"

namespace roadwork::run::regex {

/// Zero-width tests: ^ and $ (text edges, or line edges under (?m)), \A, \z, \b, \B.
enum class Assertion { kTextStart, kTextEnd, kLineStart, kLineEnd, kWordBoundary, kNotWordBoundary };

/// A node of a parsed expression. A literal or `.` is a one-code-point Set, already case-folded under (?i).
struct Node {
  enum class Kind { kEmpty, kSet, kConcat, kAlternate, kRepeat, kGroup, kAssert };
  Kind kind = Kind::kEmpty;
  CharSet set;                 ///< kSet
  std::vector<Node> children;  ///< kConcat and kAlternate: the parts; kRepeat and kGroup: one child
  int min = 0;                 ///< kRepeat: at least this many
  int max = -1;                ///< kRepeat: at most this many; -1 for no limit
  bool greedy = true;          ///< kRepeat: prefer more (`*`) or fewer (`*?`)
  int capture = -1;            ///< kGroup: the capture index, from 1; -1 for a non-capturing group
  Assertion assertion = Assertion::kTextStart;  ///< kAssert
};

/// A parsed expression and its capture groups (group 0, the whole match, not counted).
struct Syntax {
  Node root;
  int captures = 0;
  std::vector<std::string> names;  ///< by capture index; "" for unnamed groups, names[0] unused
};

/// Parses `pattern` in Rust's regex syntax: literals and escapes (\n \t \x41 \x{1F600} \u{…} \. …),
/// `.`, classes (`[a-z]`, `[^…]`, `[[:alpha:]]`), \d \w \s and their negations (Unicode-aware, as in Rust),
/// \p{Lu} general categories, anchors (^ $ \A \z \b \B), groups (capturing, `(?:…)`, `(?P<name>…)`,
/// `(?<name>…)`), flags i m s U (`(?i)`, `(?i:…)`, `(?-i)`), alternation and the repetitions * + ? {n}
/// {n,} {n,m} with their lazy forms. Refused with a message, as Rust refuses them: look-around and
/// backreferences; refused because roadwork lacks them: nested classes and class set operations, the
/// verbose flag x, Unicode scripts and properties other than general categories.
Result<Syntax> parse(std::string_view pattern);

}  // namespace roadwork::run::regex
