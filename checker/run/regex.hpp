#pragma once
// Regular expressions for `matches`, the `regex` query and the `regex`/`replaceRegex` filters, in the syntax
// of Rust's regex crate, which Hurl uses (regex_translate.hpp says how it maps onto RE2's), run by RE2: time
// linear in the text and no recursion over it, so a large response body can neither exhaust the stack nor
// take exponential time, as std::regex could.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/run/result.hpp"

namespace re2 {
class RE2;
}

namespace roadwork::run {

/// A compiled regular expression, cheap to copy.
class Regex {
 public:
  /// Byte offsets [start, end) of group 0 (the whole match) and of each capture group; nullopt for a group
  /// that did not take part in the match.
  using Groups = std::vector<std::optional<std::pair<std::size_t, std::size_t>>>;

  /// Compiles `pattern` (Rust regex syntax); the error says why it is not a valid (or supported) regular
  /// expression, with the byte offset where it can tell.
  static Result<Regex> compile(std::string_view pattern);

  /// The leftmost-first match (Rust's and Perl's preference order) that starts at byte `start` or later.
  std::optional<Groups> find(std::string_view text, std::size_t start = 0) const;

  /// Whether the pattern matches somewhere in `text` (a search, as Rust's is_match).
  bool is_match(std::string_view text) const { return find(text).has_value(); }

  /// The index of the capture group called `name`, or -1.
  int group_index(std::string_view name) const;

 private:
  std::shared_ptr<const re2::RE2> re2_;
};

/// The text of the first capture group of the first match; nullopt when nothing matches or the group did
/// not take part (Hurl docs: asserting-response, regex).
std::optional<std::string> regex_first_group(const Regex& regex, std::string_view text);

/// Every match of `regex` in `text` replaced by `replacement`, in Rust's replacement syntax: `$1`, `${1}`,
/// `$name`, `${name}` insert a group (nothing for a missing one), `$$` a dollar sign.
std::string regex_replace_all(const Regex& regex, std::string_view text, std::string_view replacement);

}  // namespace roadwork::run
