#include "checker/jsonpath/iregexp.hpp"

#include <re2/re2.h>

#include <array>
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "checker/text/utf8.hpp"

namespace roadwork::jsonpath {
namespace {

// RFC 9485 §5.3: characters that can start no atom (neither NormalChar nor '(', '.', '[', '\\'), and those a
// SingleCharEsc may escape besides n, r and t.
constexpr std::u32string_view kNotNormal = U")*+?]{|}";
constexpr std::u32string_view kEscapable = U"()*+-.?[\\]^{|}";

// RE2 has every general category but Cn (unassigned), and its C leaves Cn out; both are written as what they
// are not: the assigned categories.
constexpr std::string_view kAssignedButC = R"(\p{L}\p{M}\p{N}\p{P}\p{Z}\p{S})";
constexpr std::string_view kAssignedButCn = R"(\p{L}\p{M}\p{N}\p{P}\p{Z}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cs})";

bool valid_category(char major, char minor) {
  constexpr std::array<std::string_view, 7> kMinors = {"Llmotu", "Mcen",  "Ndlo", "Pcdefios",
                                                       "Zlps",   "Sckmo", "Ccfno"};
  constexpr std::string_view kMajors = "LMNPZSC";
  const std::size_t index = kMajors.find(major);
  return index != std::string_view::npos &&
         (minor == 0 || kMinors[index].find(minor) != std::string_view::npos);
}

// RFC 9485 SingleCharEsc: the character `\c` stands for; nullopt when `\c` is no such escape.
std::optional<char32_t> single_char_escape(char32_t c) {
  const std::size_t control = std::u32string_view(U"nrt").find(c);
  if (control != std::u32string_view::npos) return U"\n\r\t"[control];
  if (kEscapable.find(c) != std::u32string_view::npos) return c;
  return std::nullopt;
}

// A code point as RE2 reads it anywhere, in a class or out: \x{HEX}.
std::string code_point(char32_t c) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string digits;
  do {
    digits.insert(digits.begin(), kHex[c & 0xF]);
    c >>= 4;
  } while (c != 0);
  return "\\x{" + digits + "}";
}

// RFC 9485 §5.3's grammar, read and written out in RE2's syntax; nullopt for anything outside it.
class Translator {
 public:
  explicit Translator(std::u32string pattern) : pattern_(std::move(pattern)) {}

  std::optional<std::string> run() {
    if (!alternation(0) || pos_ != pattern_.size()) return std::nullopt;
    return std::move(out_);
  }

 private:
  // Far above what check files need; RE2 itself never recurses over the text, but its parser recurses over
  // the nesting.
  static constexpr int kMaxDepth = 50;

  bool at(char32_t c) const { return pos_ < pattern_.size() && pattern_[pos_] == c; }
  bool at_end() const { return pos_ >= pattern_.size(); }

  // i-regexp = branch *( "|" branch ); branch = *piece
  bool alternation(int depth) {
    for (;;) {
      while (!at_end() && !at(U'|') && !at(U')')) {
        if (!piece(depth)) return false;
      }
      if (!at(U'|')) return true;
      ++pos_;
      out_ += '|';
    }
  }

  // piece = atom [ quantifier ]
  bool piece(int depth) {
    if (!atom(depth)) return false;
    if (at(U'*') || at(U'+') || at(U'?')) {
      out_ += static_cast<char>(pattern_[pos_++]);
      return true;
    }
    if (!at(U'{')) return true;
    ++pos_;
    const auto low = quantity();
    if (!low) return false;
    out_ += "{" + std::to_string(*low);
    if (at(U',')) {
      ++pos_;
      out_ += ',';
      if (!at(U'}')) {
        const auto high = quantity();
        if (!high || *high < *low) return false;
        out_ += std::to_string(*high);
      }
    }
    if (!at(U'}')) return false;
    ++pos_;
    out_ += '}';
    return true;
  }

  // QuantExact = 1*DIGIT; saturates past RE2's limit of 1000, which then refuses it.
  std::optional<std::size_t> quantity() {
    if (at_end() || pattern_[pos_] < U'0' || pattern_[pos_] > U'9') return std::nullopt;
    std::size_t value = 0;
    while (!at_end() && pattern_[pos_] >= U'0' && pattern_[pos_] <= U'9') {
      value = std::min<std::size_t>(value * 10 + (pattern_[pos_++] - U'0'), 100000);
    }
    return value;
  }

  // atom = NormalChar / charClass / ( "(" i-regexp ")" )
  bool atom(int depth) {
    const char32_t c = pattern_[pos_];
    if (kNotNormal.find(c) != std::u32string_view::npos) return false;
    switch (c) {
      case U'(':
        if (depth >= kMaxDepth) return false;
        ++pos_;
        out_ += "(?:";
        if (!alternation(depth + 1) || !at(U')')) return false;
        ++pos_;
        out_ += ')';
        return true;
      case U'.':
        ++pos_;
        out_ += R"([^\n\r])";  // RFC 9485 §5.3: any character but newline and carriage return
        return true;
      case U'[':
        return class_expression();
      case U'\\':
        return escape(false);
      case U'^':
      case U'$':
        // RFC 9485's grammar makes these ordinary characters, but its mapping to ECMAScript (§5.3) leaves
        // them unescaped, and the JSONPath compliance suite, like most implementations, reads them as
        // anchors, as users who know other regex dialects expect. At the ends of a match() pattern they
        // change nothing.
        out_ += static_cast<char>(pattern_[pos_++]);
        return true;
      default:
        ++pos_;
        out_ += code_point(c);
        return true;
    }
  }

  // At a backslash: SingleCharEsc or charClassEsc, written out in or out of a class.
  bool escape(bool in_class) {
    if (pos_ + 1 >= pattern_.size()) return false;
    const char32_t c = pattern_[pos_ + 1];
    pos_ += 2;
    if (c == U'p' || c == U'P') return category_escape(c == U'P', in_class);
    const auto plain = single_char_escape(c);
    if (!plain) return false;
    out_ += code_point(*plain);
    return true;
  }

  // After `\p` or `\P`: "{" charProp "}", RFC 9485 IsCategory.
  bool category_escape(bool negated, bool in_class) {
    if (!at(U'{') || pos_ + 2 >= pattern_.size()) return false;
    const char32_t major = pattern_[pos_ + 1];
    const char32_t minor = pattern_[pos_ + 2] == U'}' ? 0 : pattern_[pos_ + 2];
    const std::size_t close = pos_ + (minor == 0 ? 2 : 3);
    if (major > 0x7F || minor > 0x7F || close >= pattern_.size() || pattern_[close] != U'}') return false;
    if (!valid_category(static_cast<char>(major), static_cast<char>(minor))) return false;
    pos_ = close + 1;
    const std::string name{static_cast<char>(major), minor == 0 ? '\0' : static_cast<char>(minor)};
    if (major != U'C' || (minor != 0 && minor != U'n')) {
      out_ += std::string(negated ? "\\P{" : "\\p{") + name.c_str() + "}";
      return true;
    }
    // C and Cn, as the complement of what RE2 has. A class can hold that complement only as a positive list:
    // \P{C} and \P{Cn} fit in one, \p{C} and \p{Cn} would need a class inside a class, which RE2 lacks.
    const auto assigned = minor == 0 ? kAssignedButC : kAssignedButCn;
    if (in_class) {
      if (!negated) return false;
      out_ += assigned;
    } else {
      out_ += std::string(negated ? "[" : "[^") + std::string(assigned) + "]";
    }
    return true;
  }

  // charClassExpr = "[" [ "^" ] ( "-" / CCE1 ) *CCE1 [ "-" ] "]"; CCE1 = ( CCchar [ "-" CCchar ] ) /
  // charClassEsc
  bool class_expression() {
    ++pos_;
    out_ += '[';
    if (at(U'^')) {
      ++pos_;
      out_ += '^';
    }
    for (bool first = true;; first = false) {
      if (at(U']') && !first) break;
      if (at(U'-')) {
        // A hyphen is literal only first or last in the class.
        if (!first && !(pos_ + 1 < pattern_.size() && pattern_[pos_ + 1] == U']')) return false;
        ++pos_;
        out_ += code_point(U'-');
        continue;
      }
      if (at(U'\\') && pos_ + 1 < pattern_.size() &&
          (pattern_[pos_ + 1] == U'p' || pattern_[pos_ + 1] == U'P')) {
        if (!escape(true)) return false;
        continue;
      }
      const auto low = class_char();
      if (!low) return false;
      out_ += code_point(*low);
      if (at(U'-') && pos_ + 1 < pattern_.size() && pattern_[pos_ + 1] != U']') {
        ++pos_;
        const auto high = class_char();
        if (!high || *high < *low) return false;
        out_ += "-" + code_point(*high);
      }
    }
    ++pos_;
    out_ += ']';
    return true;
  }

  // CCchar: any character but - [ \ ], or a SingleCharEsc.
  std::optional<char32_t> class_char() {
    if (at_end() || at(U'-') || at(U'[') || at(U']')) return std::nullopt;
    if (!at(U'\\')) return pattern_[pos_++];
    if (pos_ + 1 >= pattern_.size()) return std::nullopt;
    const auto plain = single_char_escape(pattern_[pos_ + 1]);  // a category cannot be a range's end
    if (plain) pos_ += 2;
    return plain;
  }

  std::u32string pattern_;
  std::size_t pos_ = 0;
  std::string out_;
};

std::optional<std::u32string> decode(std::string_view text) {
  std::u32string result;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::optional<char32_t> c = text::decode_utf8(text, pos);
    if (!c) return std::nullopt;
    result += *c;
  }
  return result;
}

// A filter usually tests one literal pattern against many nodes, so recent compilations are kept.
struct CachedRegex {
  std::string pattern;
  std::shared_ptr<const RE2> regex;  // null: the pattern was rejected
};

std::shared_ptr<const RE2> compile(std::string_view pattern) {
  constexpr std::size_t kCacheSize = 8;
  thread_local std::vector<CachedRegex> cache;
  thread_local std::size_t next_slot = 0;
  for (const CachedRegex& entry : cache) {
    if (entry.pattern == pattern) return entry.regex;
  }
  std::shared_ptr<const RE2> regex;
  if (const auto translated = translate_iregexp(pattern)) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_never_capture(true);
    regex = std::make_shared<const RE2>(*translated, options);
    if (!regex->ok()) regex = nullptr;  // beyond RE2's limits (a count over 1000): like an invalid pattern
  }
  CachedRegex entry{std::string(pattern), regex};
  if (cache.size() < kCacheSize) {
    cache.push_back(std::move(entry));
  } else {
    cache[next_slot++ % kCacheSize] = std::move(entry);
  }
  return regex;
}

}  // namespace

std::optional<std::string> translate_iregexp(std::string_view pattern) {
  const std::optional<std::u32string> code_points = decode(pattern);
  if (!code_points) return std::nullopt;
  return Translator(*code_points).run();
}

std::optional<bool> iregexp_matches(std::string_view pattern, std::string_view text, RegexMode mode) {
  const auto regex = compile(pattern);
  if (!regex) return std::nullopt;
  const re2::StringPiece piece(text.data(), text.size());
  return mode == RegexMode::kMatch ? RE2::FullMatch(piece, *regex) : RE2::PartialMatch(piece, *regex);
}

}  // namespace roadwork::jsonpath
