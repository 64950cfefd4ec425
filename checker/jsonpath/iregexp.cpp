#include "checker/jsonpath/iregexp.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <regex>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/jsonpath/unicode_categories.hpp"
#include "checker/jsonpath/utf8.hpp"

namespace roadwork::jsonpath {
namespace {

static_assert(sizeof(wchar_t) >= 4, "std::wregex must hold any Unicode scalar value in one wchar_t");

constexpr char32_t kMaxCodePoint = 0x10FFFF;
// std::regex's compiler recurses once per term of a sequence and its matcher once per state of an epsilon
// chain, and the breadth-first matcher's time is the text's length times the number of states. So the size
// of the expanded pattern (repetitions multiplied out) and the group nesting are capped, far above what
// check files need.
constexpr std::size_t kMaxCost = 2000;
constexpr int kMaxDepth = 50;

// RFC 9485 §5.3: characters that can start no atom (neither NormalChar nor '(', '.', '[', '\\'), and those a
// SingleCharEsc may escape besides n, r and t.
constexpr std::u32string_view kNotNormal = U")*+?]{|}";
constexpr std::u32string_view kEscapable = U"()*+-.?[\\]^{|}";

using Ranges = std::vector<std::pair<char32_t, char32_t>>;  // inclusive ranges of code points

Ranges normalized(Ranges ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && range.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

Ranges complement(const Ranges& ranges) {
  Ranges result;
  char32_t next = 0;
  for (const auto& [first, last] : normalized(ranges)) {
    if (first > next) result.emplace_back(next, first - 1);
    next = last + 1;
  }
  if (next <= kMaxCodePoint) result.emplace_back(next, kMaxCodePoint);
  return result;
}

// RFC 9485 §5.3 IsCategory: `minor` 0 stands for the whole major category (\p{L}).
Ranges category(char major, char minor) {
  Ranges ranges;
  const auto runs = category_runs();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].major != major || (minor != 0 && runs[i].minor != minor)) continue;
    const char32_t last = i + 1 < runs.size() ? runs[i + 1].first - 1 : kMaxCodePoint;
    ranges.emplace_back(runs[i].first, last);
  }
  return normalized(std::move(ranges));
}

bool valid_category(char major, char minor) {
  constexpr std::array<std::string_view, 7> kMinors = {"Llmotu", "Mcen",  "Ndlo", "Pcdefios",
                                                       "Zlps",   "Sckmo", "Ccfno"};
  constexpr std::string_view kMajors = "LMNPZSC";
  const std::size_t index = kMajors.find(major);
  return index != std::string_view::npos &&
         (minor == 0 || kMinors[index].find(minor) != std::string_view::npos);
}

void emit_code_point(std::wstring& out, char32_t c) {
  if (c > 0xFFFF) {  // not an ECMAScript syntax character, and \u escapes stop at four digits
    out += static_cast<wchar_t>(c);
    return;
  }
  constexpr std::wstring_view kHex = L"0123456789ABCDEF";
  out += L"\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
}

void emit_set(std::wstring& out, const Ranges& ranges) {
  if (ranges.empty()) {
    out += L"[^\\s\\S]";
    return;
  }
  out += L'[';
  for (const auto& [first, last] : ranges) {
    emit_code_point(out, first);
    if (last != first) {
      out += L'-';
      emit_code_point(out, last);
    }
  }
  out += L']';
}

class Translator {
 public:
  explicit Translator(std::u32string pattern) : pattern_(std::move(pattern)) {}

  std::optional<std::wstring> run() {
    const std::optional<std::size_t> cost = alternation(0);
    if (!cost || pos_ != pattern_.size()) return std::nullopt;
    return std::move(out_);
  }

 private:
  bool at(char32_t c) const { return pos_ < pattern_.size() && pattern_[pos_] == c; }
  bool at_end() const { return pos_ >= pattern_.size(); }

  static std::optional<std::size_t> capped(std::size_t cost) {
    return cost <= kMaxCost ? std::optional<std::size_t>(cost) : std::nullopt;
  }

  // i-regexp = branch *( "|" branch ); branch = *piece. Returns the cost of what was emitted.
  std::optional<std::size_t> alternation(int depth) {
    std::size_t cost = 0;
    for (;;) {
      while (!at_end() && !at(U'|') && !at(U')')) {
        const std::optional<std::size_t> piece_cost = piece(depth);
        if (!piece_cost || !capped(cost += *piece_cost)) return std::nullopt;
      }
      if (!at(U'|')) return cost;
      ++pos_;
      out_ += L'|';
    }
  }

  // piece = atom [ quantifier ]
  std::optional<std::size_t> piece(int depth) {
    const std::optional<std::size_t> atom_cost = atom(depth);
    if (!atom_cost) return std::nullopt;
    if (at(U'*') || at(U'+') || at(U'?')) {
      out_ += static_cast<wchar_t>(pattern_[pos_]);
      return capped(*atom_cost * (pattern_[pos_++] == U'+' ? 2 : 1) + 1);
    }
    if (!at(U'{')) return atom_cost;
    ++pos_;
    const std::optional<std::size_t> low = quantity();
    if (!low) return std::nullopt;
    std::wstring quantifier = L"{" + std::to_wstring(*low);
    std::size_t copies = *low;
    if (at(U',')) {
      ++pos_;
      quantifier += L',';
      if (at(U'}')) {
        copies = *low + 1;  // {n,} compiles to n copies and a starred one
      } else {
        const std::optional<std::size_t> high = quantity();
        if (!high || *high < *low) return std::nullopt;
        quantifier += std::to_wstring(*high);
        copies = *high;
      }
    }
    if (!at(U'}')) return std::nullopt;
    ++pos_;
    out_ += quantifier + L'}';
    return capped(*atom_cost * std::max<std::size_t>(copies, 1) + 1);
  }

  // QuantExact = 1*DIGIT, saturating just above the cost cap so the cap rejects it.
  std::optional<std::size_t> quantity() {
    if (at_end() || pattern_[pos_] < U'0' || pattern_[pos_] > U'9') return std::nullopt;
    std::size_t value = 0;
    while (!at_end() && pattern_[pos_] >= U'0' && pattern_[pos_] <= U'9') {
      value = std::min(value * 10 + (pattern_[pos_++] - U'0'), kMaxCost + 1);
    }
    return value;
  }

  // atom = NormalChar / charClass / ( "(" i-regexp ")" )
  std::optional<std::size_t> atom(int depth) {
    const char32_t c = pattern_[pos_];
    if (kNotNormal.find(c) != std::u32string_view::npos) return std::nullopt;
    switch (c) {
      case U'(': {
        if (depth >= kMaxDepth) return std::nullopt;
        ++pos_;
        out_ += L"(?:";
        const std::optional<std::size_t> cost = alternation(depth + 1);
        if (!cost || !at(U')')) return std::nullopt;
        ++pos_;
        out_ += L')';
        return *cost + 1;
      }
      case U'.':
        ++pos_;
        emit_set(out_, complement({{U'\n', U'\n'}, {U'\r', U'\r'}}));
        return 1;
      case U'[':
        return class_expression();
      case U'\\': {
        Ranges set;
        if (!escape(set)) return std::nullopt;
        if (set.size() == 1 && set[0].first == set[0].second) {
          emit_code_point(out_, set[0].first);
        } else {
          emit_set(out_, set);
        }
        return 1;
      }
      case U'^':
      case U'$':
        // RFC 9485's grammar makes these ordinary characters, but its mapping to ECMAScript (§5.3) leaves
        // them unescaped, and the JSONPath compliance suite, like most implementations, reads them as
        // anchors, as users who know other regex dialects expect. At the ends of a match() pattern they
        // change nothing.
        out_ += static_cast<wchar_t>(pattern_[pos_++]);
        return 1;
      default:
        ++pos_;
        emit_code_point(out_, c);
        return 1;
    }
  }

  // At a backslash: SingleCharEsc or charClassEsc; adds what it denotes to `set`.
  bool escape(Ranges& set) {
    if (pos_ + 1 >= pattern_.size()) return false;
    const char32_t c = pattern_[pos_ + 1];
    pos_ += 2;
    if (c == U'p' || c == U'P') return category_escape(c == U'P', set);
    const std::size_t control = std::u32string_view(U"nrt").find(c);
    if (control == std::u32string_view::npos && kEscapable.find(c) == std::u32string_view::npos) return false;
    const char32_t plain = control == std::u32string_view::npos ? c : U"\n\r\t"[control];
    set.emplace_back(plain, plain);
    return true;
  }

  // After `\p` or `\P`: "{" charProp "}".
  bool category_escape(bool negated, Ranges& set) {
    if (!at(U'{') || pos_ + 2 >= pattern_.size()) return false;
    const char32_t major = pattern_[pos_ + 1];
    const char32_t minor = pattern_[pos_ + 2] == U'}' ? 0 : pattern_[pos_ + 2];
    const std::size_t close = pos_ + (minor == 0 ? 2 : 3);
    if (major > 0x7F || minor > 0x7F || close >= pattern_.size() || pattern_[close] != U'}') return false;
    if (!valid_category(static_cast<char>(major), static_cast<char>(minor))) return false;
    pos_ = close + 1;
    Ranges ranges = category(static_cast<char>(major), static_cast<char>(minor));
    if (negated) ranges = complement(ranges);
    set.insert(set.end(), ranges.begin(), ranges.end());
    return true;
  }

  // charClassExpr = "[" [ "^" ] ( "-" / CCE1 ) *CCE1 [ "-" ] "]"; CCE1 = ( CCchar [ "-" CCchar ] ) /
  // charClassEsc
  std::optional<std::size_t> class_expression() {
    ++pos_;
    const bool negated = at(U'^');
    if (negated) ++pos_;
    Ranges set;
    for (bool first = true;; first = false) {
      if (at(U']') && !first) break;
      if (at(U'-')) {
        // A hyphen is literal only first or last in the class.
        if (!first && !(pos_ + 1 < pattern_.size() && pattern_[pos_ + 1] == U']')) return std::nullopt;
        ++pos_;
        set.emplace_back(U'-', U'-');
        continue;
      }
      if (at(U'\\') && pos_ + 1 < pattern_.size() &&
          (pattern_[pos_ + 1] == U'p' || pattern_[pos_ + 1] == U'P')) {
        if (!escape(set)) return std::nullopt;
        continue;
      }
      const std::optional<char32_t> low = class_char();
      if (!low) return std::nullopt;
      char32_t high = *low;
      if (at(U'-') && pos_ + 1 < pattern_.size() && pattern_[pos_ + 1] != U']') {
        ++pos_;
        const std::optional<char32_t> end = class_char();
        if (!end || *end < *low) return std::nullopt;
        high = *end;
      }
      set.emplace_back(*low, high);
    }
    ++pos_;
    set = normalized(std::move(set));
    emit_set(out_, negated ? complement(set) : set);
    return 1;
  }

  // CCchar: any character but - [ \ ], or a SingleCharEsc.
  std::optional<char32_t> class_char() {
    if (at_end() || at(U'-') || at(U'[') || at(U']')) return std::nullopt;
    if (!at(U'\\')) return pattern_[pos_++];
    if (pos_ + 1 < pattern_.size() && (pattern_[pos_ + 1] == U'p' || pattern_[pos_ + 1] == U'P')) {
      return std::nullopt;  // a category cannot be a range's end
    }
    Ranges set;
    if (!escape(set)) return std::nullopt;
    return set[0].first;
  }

  std::u32string pattern_;
  std::size_t pos_ = 0;
  std::wstring out_;
};

std::optional<std::u32string> decode(std::string_view text) {
  std::u32string result;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::optional<char32_t> c = decode_utf8(text, pos);
    if (!c) return std::nullopt;
    result += *c;
  }
  return result;
}

// Strings built by hand may hold ill-formed UTF-8; each bad byte becomes U+FFFD so matching stays defined.
std::wstring widen(std::string_view text) {
  std::wstring result;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::optional<char32_t> c = decode_utf8(text, pos);
    if (!c) ++pos;
    result += static_cast<wchar_t>(c.value_or(0xFFFD));
  }
  return result;
}

// A filter usually tests one literal pattern against many nodes, so recent compilations are kept.
struct CachedRegex {
  std::string pattern;
  RegexMode mode;
  std::shared_ptr<const std::wregex> regex;  // null: the pattern was rejected
};

std::shared_ptr<const std::wregex> compile(std::string_view pattern, RegexMode mode) {
  constexpr std::size_t kCacheSize = 8;
  thread_local std::vector<CachedRegex> cache;
  thread_local std::size_t next_slot = 0;
  for (const CachedRegex& entry : cache) {
    if (entry.mode == mode && entry.pattern == pattern) return entry.regex;
  }
  std::shared_ptr<const std::wregex> regex;
  const std::optional<std::u32string> code_points = decode(pattern);
  std::optional<std::wstring> translated = code_points ? Translator(*code_points).run() : std::nullopt;
  if (translated) {
    // search() becomes a whole match with anything around it: regex_search would retry the match at every
    // start position, which costs a factor of the text's length.
    if (mode == RegexMode::kSearch) translated = L"[\\s\\S]*(?:" + *translated + L")[\\s\\S]*";
    auto flags = std::regex_constants::ECMAScript | std::regex_constants::nosubs;
#if defined(__GLIBCXX__)
    // libstdc++'s default matcher backtracks (exponential time, recursion as deep as the text is long); this
    // flag selects its breadth-first matcher instead.
    flags |= std::regex_constants::__polynomial;
#endif
    try {
      regex = std::make_shared<const std::wregex>(*translated, flags);
    } catch (const std::regex_error&) {
      regex = nullptr;  // beyond std::regex's own limits: treated like an invalid pattern
    }
  }
  CachedRegex entry{std::string(pattern), mode, regex};
  if (cache.size() < kCacheSize) {
    cache.push_back(std::move(entry));
  } else {
    cache[next_slot++ % kCacheSize] = std::move(entry);
  }
  return regex;
}

}  // namespace

std::optional<std::wstring> translate_iregexp(std::string_view pattern) {
  const std::optional<std::u32string> code_points = decode(pattern);
  if (!code_points) return std::nullopt;
  return Translator(*code_points).run();
}

std::optional<bool> iregexp_matches(std::string_view pattern, std::string_view text, RegexMode mode) {
  const std::shared_ptr<const std::wregex> regex = compile(pattern, mode);
  if (!regex) return std::nullopt;
  try {
    return std::regex_match(widen(text), *regex);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

}  // namespace roadwork::jsonpath
