#pragma once
// Regular expressions of checks are written in the syntax of Rust's regex crate, which Hurl uses; RE2 runs
// them. The two agree on almost everything (leftmost-first matching, flags i m s U, (?P<name>…), \p{..}
// classes, [[:alpha:]], \A \z); this pre-pass spells the rest in RE2's terms and refuses, with the offset,
// what Rust refuses but RE2 would read otherwise:
// - \d \s \w and their negations are Unicode-aware in Rust and ASCII in RE2: written out as \p{Nd},
// White_Space
//   and Rust's \w (letters, marks, decimal digits, connector punctuation, joiners);
// - (?<name>…) becomes (?P<name>…); \u{…}, \uXXXX, \U{…} become \x{…};
// - a `{` that opens no valid counted repetition, look-around, backreferences, nested classes and class set
//   operations (&&, --, ~~), and the verbose flag x are errors (RE2 would take some as literals).
// One difference stays: \b and \B are ASCII word boundaries in RE2 (Rust's are Unicode).

#include <string>
#include <string_view>

#include "checker/run/result.hpp"

namespace roadwork::run::regex {

/// `pattern` (Rust regex syntax) in RE2's syntax, or the error as
/// "`PATTERN` is not a valid regular expression: WHY (at offset N)", N a byte offset into `pattern`.
Result<std::string> to_re2_syntax(std::string_view pattern);

}  // namespace roadwork::run::regex
