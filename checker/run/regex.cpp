#include "checker/run/regex.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <cctype>

#include "checker/text/utf8.hpp"
#include "checker/run/regex_translate.hpp"

namespace roadwork::run {

namespace {

// RE2's memory budget for one expression (its default is 8 MiB): large counted repetitions still compile,
// while a pattern cannot take the grader's memory.
constexpr int64_t kMaxMemoryBytes = 64 << 20;

// The offset after the character at `pos`: one code point, or one byte where the text is not UTF-8.
std::size_t next_character(std::string_view text, std::size_t pos) {
  auto next = pos;
  return text::decode_utf8(text, next) ? next : pos + 1;
}

// RE2's refusal in the words and offsets of the pre-pass's own errors (regex_translate.hpp). RE2 names the
// fragment it refused; where the learner wrote that fragment is the offset.
std::string re2_error(std::string_view pattern, const RE2& refused) {
  const auto& fragment = refused.error_arg();
  std::size_t offset = fragment.empty() || fragment.size() == pattern.size() ? std::string_view::npos
                                                                               : pattern.find(fragment);
  std::string why;
  switch (refused.error_code()) {
    case RE2::ErrorMissingParen:
      why = "unclosed group: expected `)`";
      offset = pattern.size();
      break;
    case RE2::ErrorUnexpectedParen: why = "unopened group: `)` without `(`"; break;
    case RE2::ErrorMissingBracket: why = "unclosed character class: expected `]`"; break;
    case RE2::ErrorBadEscape: why = fmt::format("unrecognized escape `{}`", fragment); break;
    case RE2::ErrorBadCharRange: why = fmt::format("invalid class range `{}`", fragment); break;
    case RE2::ErrorRepeatArgument: why = "repetition operator missing expression"; break;
    case RE2::ErrorRepeatSize: why = "counted repetition over 1000, or its maximum below its minimum"; break;
    case RE2::ErrorBadPerlOp: why = "unknown group flag or syntax after `(?`"; break;
    case RE2::ErrorBadUTF8: why = "the pattern is not valid UTF-8"; break;
    case RE2::ErrorBadNamedCapture: why = fmt::format("invalid capture group name `{}`", fragment); break;
    case RE2::ErrorPatternTooLarge: why = "too large a regular expression"; break;
    default: why = refused.error(); break;
  }
  return fmt::format("`{}` is not a valid regular expression: {}{}", pattern, why,
                     offset == std::string_view::npos ? "" : fmt::format(" (at offset {})", offset));
}

}  // namespace

Result<Regex> Regex::compile(std::string_view pattern) {
  auto translated = regex::to_re2_syntax(pattern);
  if (!translated.ok()) return translated.error();
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kMaxMemoryBytes);
  auto compiled = std::make_shared<const RE2>(translated.value(), options);
  if (!compiled->ok()) return failure(re2_error(pattern, *compiled));
  Regex regex;
  regex.re2_ = std::move(compiled);
  return regex;
}

std::optional<Regex::Groups> Regex::find(std::string_view text, std::size_t start) const {
  if (start > text.size()) return std::nullopt;
  const int count = 1 + re2_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(count));
  if (!re2_->Match(re2::StringPiece(text.data(), text.size()), start, text.size(), RE2::UNANCHORED, pieces.data(),
                   count)) {
    return std::nullopt;
  }
  Groups groups;
  for (const auto& piece : pieces) {
    if (piece.data() == nullptr) {
      groups.emplace_back();  // the group took no part in the match
    } else {
      const auto begin = static_cast<std::size_t>(piece.data() - text.data());
      groups.emplace_back(std::make_pair(begin, begin + piece.size()));
    }
  }
  return groups;
}

int Regex::group_index(std::string_view name) const {
  const auto& names = re2_->NamedCapturingGroups();
  const auto found = names.find(std::string(name));
  return found == names.end() ? -1 : found->second;
}

std::optional<std::string> regex_first_group(const Regex& regex, std::string_view text) {
  const auto groups = regex.find(text);
  if (!groups || groups->size() < 2 || !(*groups)[1]) return std::nullopt;
  const auto [begin, end] = *(*groups)[1];
  return std::string(text.substr(begin, end - begin));
}

namespace {

// Appends `replacement` with its `$` references expanded against `groups` (Rust's Captures::expand).
void expand_replacement(std::string& out, const Regex& regex, const Regex::Groups& groups,
                        std::string_view text, std::string_view replacement) {
  const auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    if (replacement[i] != '$' || i + 1 == replacement.size()) {
      out += replacement[i];
      continue;
    }
    if (replacement[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    std::string_view name;
    std::size_t end = i + 1;
    if (replacement[end] == '{') {
      const auto close = replacement.find('}', end);
      if (close == std::string_view::npos) {
        out += '$';
        continue;
      }
      name = replacement.substr(end + 1, close - end - 1);
      end = close + 1;
    } else {
      while (end < replacement.size() && is_name_char(replacement[end])) ++end;
      name = replacement.substr(i + 1, end - i - 1);
    }
    if (name.empty()) {
      out += '$';
      continue;
    }
    int index = -1;
    if (name.find_first_not_of("0123456789") == std::string_view::npos) {
      index = name.size() < 6 ? std::stoi(std::string(name)) : -1;
    } else {
      index = regex.group_index(name);
    }
    if (index >= 0 && static_cast<std::size_t>(index) < groups.size() &&
        groups[static_cast<std::size_t>(index)]) {
      const auto [begin, stop] = *groups[static_cast<std::size_t>(index)];
      out += text.substr(begin, stop - begin);
    }
    i = end - 1;
  }
}

}  // namespace

std::string regex_replace_all(const Regex& regex, std::string_view text, std::string_view replacement) {
  std::string out;
  std::size_t copied = 0;
  std::size_t start = 0;
  std::optional<std::size_t> last_end;  // where the previous match ended
  while (start <= text.size()) {
    const auto groups = regex.find(text, start);
    if (!groups) break;
    const auto [begin, end] = *groups->front();
    if (begin == end && begin == last_end) {
      // Rust's iteration skips an empty match where the previous match ended: `x*` in "abxd" gives -a-b-d-.
      if (begin >= text.size()) break;
      start = next_character(text, begin);
      continue;
    }
    last_end = end;
    out += text.substr(copied, begin - copied);
    expand_replacement(out, regex, *groups, text, replacement);
    copied = end;
    if (end > begin) {
      start = end;
    } else {  // an empty match: the next search starts after the next character
      if (end >= text.size()) break;
      start = next_character(text, end);
    }
  }
  return out + std::string(text.substr(copied));
}

}  // namespace roadwork::run
