#include "checker/run/regex_translate.hpp"

#include <fmt/format.h>

#include <cctype>

namespace roadwork::run::regex {
namespace {

// Rust's Unicode \s (White_Space) and \w (UTS #18 Annex C: Alphabetic, marks, decimal digits, connector
// punctuation, Join_Control) as the inside of an RE2 class. Alphabetic is approximated by L and Nl.
constexpr std::string_view kSpace = R"(\t-\r \x{85}\p{Z})";
constexpr std::string_view kWord = R"(\p{L}\p{Nl}\p{M}\p{Nd}\p{Pc}\x{200C}\x{200D})";
constexpr std::string_view kNotInRust = " (neither is it by Rust's regex, which Hurl uses)";
constexpr std::string_view kNoSetOperations =
    "nested character classes and class set operations are not supported";

struct SyntaxError {
  std::size_t offset;
  std::string message;
};

class Translator {
 public:
  explicit Translator(std::string_view pattern) : in_(pattern) {}

  std::string run() {
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (c == '\\') {
        escape(false);
      } else if (c == '[') {
        character_class();
      } else if (c == '(') {
        group();
      } else if (c == '{') {
        counted_repetition();
      } else {
        out_ += c;
        ++pos_;
      }
    }
    return out_;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::string message) const {
    throw SyntaxError{offset, std::move(message)};
  }

  bool next_is(std::string_view text) const { return in_.substr(pos_).starts_with(text); }

  // `(`: look-around is refused, (?<name> becomes (?P<name>, flags are checked for x; the rest is RE2's.
  void group() {
    if (next_is("(?=") || next_is("(?!") || next_is("(?<=") || next_is("(?<!"))
      fail(pos_ + 2, fmt::format("look-around is not supported{}", kNotInRust));
    if (next_is("(?<")) {
      out_ += "(?P<";
      pos_ += 3;
      return;
    }
    if (next_is("(?") && !next_is("(?P")) {
      for (auto flag = pos_ + 2; flag < in_.size() && in_[flag] != ')' && in_[flag] != ':'; ++flag) {
        if (in_[flag] == 'x') fail(flag, "the verbose flag x is not supported");
      }
    }
    out_ += '(';
    ++pos_;
  }

  // `{n}`, `{n,}` or `{n,m}`; RE2 would read any other `{` as a literal, Rust refuses it.
  void counted_repetition() {
    const auto start = pos_++;
    const auto digits = [&] {
      const auto from = pos_;
      while (pos_ < in_.size() && std::isdigit(static_cast<unsigned char>(in_[pos_]))) ++pos_;
      return pos_ > from;
    };
    if (!digits()) fail(pos_, "counted repetition expects a decimal number");
    if (pos_ < in_.size() && in_[pos_] == ',') {
      ++pos_;
      digits();
    }
    if (pos_ >= in_.size() || in_[pos_] != '}') fail(pos_, "unclosed counted repetition: expected `}`");
    ++pos_;
    out_ += in_.substr(start, pos_ - start);
  }

  // `[…]`: Rust's class escapes spelled out; nested classes and set operations refused.
  void character_class() {
    const auto start = pos_;
    out_ += '[';
    ++pos_;
    if (pos_ < in_.size() && in_[pos_] == '^') out_ += in_[pos_++];
    if (pos_ < in_.size() && in_[pos_] == ']') out_ += in_[pos_++];  // a leading ] is a literal
    for (;;) {
      if (pos_ >= in_.size()) fail(start, "unclosed character class: expected `]`");
      const char c = in_[pos_];
      if (c == ']') {
        out_ += c;
        ++pos_;
        return;
      }
      if (c == '[') {
        const auto close = in_.find(":]", pos_);
        if (!next_is("[:") || close == std::string_view::npos) fail(pos_, std::string(kNoSetOperations));
        out_ += in_.substr(pos_, close + 2 - pos_);
        pos_ = close + 2;
      } else if (next_is("&&") || next_is("--") || next_is("~~")) {
        fail(pos_, std::string(kNoSetOperations));
      } else if (c == '\\') {
        const auto escape_start = pos_;
        escape(true);
        // Rust: a class escape (\d, \w, \p{..}, …) cannot start a range; RE2 would read the `-` as itself.
        const char e = in_[escape_start + 1];
        if (std::string_view("dDsSwWpP").find(e) != std::string_view::npos && next_is("-") && !next_is("-]"))
          fail(pos_, "a class escape cannot start a range");
      } else {
        out_ += c;
        ++pos_;
      }
    }
  }

  // `\X`, inside a class or not.
  void escape(bool in_class) {
    const auto start = pos_;
    if (pos_ + 1 >= in_.size()) fail(start, "incomplete escape at the end of the pattern");
    const char e = in_[pos_ + 1];
    pos_ += 2;
    const auto set = [&](std::string_view body, bool negated) {
      if (in_class && negated)
        fail(start, fmt::format("`\\{}` inside a class is not supported: negate the class instead", e));
      out_ += in_class ? std::string(body) : fmt::format("[{}{}]", negated ? "^" : "", body);
    };
    if (e == 'd' || e == 'D') {
      out_ += e == 'd' ? R"(\p{Nd})" : R"(\P{Nd})";
      return;
    }
    if (e == 's' || e == 'S') return set(kSpace, e == 'S');
    if (e == 'w' || e == 'W') return set(kWord, e == 'W');
    switch (e) {
      case 'u':
      case 'U':
        unicode_escape(start, e == 'u' ? 4 : 8);
        return;
      case 'p':
      case 'P':
      case 'x':
        // A braced argument is copied whole, so that its `{` is not read as a repetition.
        out_ += in_.substr(start, 2);
        if (pos_ < in_.size() && in_[pos_] == '{') {
          const auto close = in_.find('}', pos_);
          if (close == std::string_view::npos) fail(pos_, "unclosed escape: expected `}`");
          out_ += in_.substr(pos_, close + 1 - pos_);
          pos_ = close + 1;
        }
        return;
      case '<':
      case '>':
        fail(start, "word-start and word-end assertions (\\< \\>) are not supported");
      case 'b':
      case 'B':
        if (pos_ < in_.size() && in_[pos_] == '{')
          fail(start, "special word boundaries (\\b{start}, \\b{end}, …) are not supported");
        out_ += in_.substr(start, 2);
        return;
      case '0':
      case 'C':
      case 'Q':
      case 'E':
        // RE2 reads these as an octal escape, any byte, and literal quoting; Rust refuses them.
        fail(start, fmt::format("unrecognized escape `\\{}`", e));
      default:
        if (e >= '1' && e <= '9') fail(start, fmt::format("backreferences are not supported{}", kNotInRust));
        out_ += in_.substr(start, 2);  // RE2 knows the rest, and refuses what neither knows
    }
  }

  // \u{X…} / \uXXXX and \U{X…} / \UXXXXXXXX: a code point, as RE2's \x{X…}.
  void unicode_escape(std::size_t start, std::size_t digits) {
    std::string_view hex;
    if (pos_ < in_.size() && in_[pos_] == '{') {
      const auto close = in_.find('}', pos_);
      if (close == std::string_view::npos) fail(pos_, "unclosed escape: expected `}`");
      hex = in_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
    } else {
      hex = in_.substr(pos_, digits);
      pos_ += hex.size();
      if (hex.size() != digits) fail(start, "invalid hex escape");
    }
    if (hex.empty() || hex.size() > 8 ||
        hex.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos)
      fail(start, "invalid hex escape");
    const auto value = std::stoul(std::string(hex), nullptr, 16);
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
      fail(start, "hex escape is not a Unicode scalar value");
    out_ += fmt::format("\\x{{{}}}", hex);
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
};

}  // namespace

Result<std::string> to_re2_syntax(std::string_view pattern) {
  try {
    return Translator(pattern).run();
  } catch (const SyntaxError& error) {
    return failure(fmt::format("`{}` is not a valid regular expression: {} (at offset {})", pattern,
                               error.message, error.offset));
  }
}

}  // namespace roadwork::run::regex
