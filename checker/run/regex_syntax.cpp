#include "checker/run/regex_syntax.hpp"

#include <fmt/format.h>

#include <cctype>

#include "checker/jsonpath/utf8.hpp"

namespace roadwork::run::regex {

namespace {

// Larger counts would make the compiled program too big to run quickly; Rust has a similar size limit.
constexpr int kMaxRepeat = 1000;
// Groups nest by recursion in this parser; bound it so a hostile pattern cannot exhaust the stack.
constexpr int kMaxNesting = 250;

struct Flags {
  bool ignore_case = false;  // i
  bool multi_line = false;   // m
  bool dot_all = false;      // s
  bool swap_greed = false;   // U
};

// Thrown inside the parser only; parse() turns it into a Result.
struct SyntaxError {
  std::size_t offset;
  std::string message;
};

Node set_node(CharSet set) {
  Node node;
  node.kind = Node::Kind::kSet;
  node.set = std::move(set);
  return node;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

class Parser {
 public:
  explicit Parser(std::string_view pattern) : text_(pattern) {}

  Syntax run() {
    Flags flags;
    syntax_.names.emplace_back();
    syntax_.root = alternation(flags, 0);
    if (pos_ < text_.size()) fail("unopened group: `)` without `(`");
    return std::move(syntax_);
  }

 private:
  [[noreturn]] void fail(std::string message) const { throw SyntaxError{pos_, std::move(message)}; }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  bool consume(std::string_view word) {
    if (!text_.substr(pos_).starts_with(word)) return false;
    pos_ += word.size();
    return true;
  }

  char32_t next_code_point() {
    if (const auto c = jsonpath::decode_utf8(text_, pos_)) return *c;
    fail("the pattern is not valid UTF-8");
  }

  Node alternation(Flags& flags, int depth) {
    if (depth > kMaxNesting) fail("groups are nested too deeply");
    Node node;
    node.kind = Node::Kind::kAlternate;
    node.children.push_back(concatenation(flags, depth));
    while (consume("|")) node.children.push_back(concatenation(flags, depth));
    return node.children.size() == 1 ? std::move(node.children.front()) : node;
  }

  Node concatenation(Flags& flags, int depth) {
    Node node;
    node.kind = Node::Kind::kConcat;
    while (!at_end() && peek() != '|' && peek() != ')') {
      auto atom = this->atom(flags, depth);
      node.children.push_back(repetitions(std::move(atom), flags));
    }
    return node;
  }

  Node repetitions(Node atom, const Flags& flags) {
    for (;;) {
      int min = 0;
      int max = -1;
      if (consume("*")) {
      } else if (consume("+")) {
        min = 1;
      } else if (consume("?")) {
        max = 1;
      } else if (peek() == '{') {
        ++pos_;
        min = max = number();
        if (consume(",")) max = peek() == '}' ? -1 : number();
        if (!consume("}")) fail("unclosed counted repetition: expected `}`");
        if (max != -1 && max < min)
          fail(fmt::format("invalid repetition {{{},{}}}: the maximum is below the minimum", min, max));
      } else {
        return atom;
      }
      if (atom.kind == Node::Kind::kEmpty || atom.kind == Node::Kind::kAssert) {
        fail("repetition operator missing expression");
      }
      Node repeat;
      repeat.kind = Node::Kind::kRepeat;
      repeat.min = min;
      repeat.max = max;
      repeat.greedy = !consume("?") != flags.swap_greed;
      repeat.children.push_back(std::move(atom));
      atom = std::move(repeat);
    }
  }

  int number() {
    const auto start = pos_;
    int value = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (peek() - '0');
      if (value > kMaxRepeat) fail(fmt::format("repetition counts above {} are not supported", kMaxRepeat));
      ++pos_;
    }
    if (pos_ == start) fail("counted repetition expects a decimal number");
    return value;
  }

  Node atom(Flags& flags, int depth) {
    const char c = peek();
    if (c == '(') return group(flags, depth);
    if (c == '[') return set_node(bracket_class(flags));
    if (c == '*' || c == '+' || c == '?') fail("repetition operator missing expression");
    ++pos_;
    if (c == '.')
      return set_node(flags.dot_all ? CharSet::range(0, 0x10FFFF) : CharSet::single(U'\n').negated());
    if (c == '^') return assertion(flags.multi_line ? Assertion::kLineStart : Assertion::kTextStart);
    if (c == '$') return assertion(flags.multi_line ? Assertion::kLineEnd : Assertion::kTextEnd);
    if (c == '\\') return escape(flags);
    --pos_;
    return literal(next_code_point(), flags);
  }

  static Node assertion(Assertion kind) {
    Node node;
    node.kind = Node::Kind::kAssert;
    node.assertion = kind;
    return node;
  }

  static Node literal(char32_t c, const Flags& flags) {
    auto set = CharSet::single(c);
    return set_node(flags.ignore_case ? set.case_folded() : set);
  }

  // After `(`: a capture, `(?:…)`, a named capture, or flags for the rest of the group or for `(?flags:…)`.
  Node group(Flags& flags, int depth) {
    ++pos_;
    Node node;
    node.kind = Node::Kind::kGroup;
    Flags inner = flags;
    if (consume("?")) {
      if (peek() == '=' || peek() == '!' || consume("<=") || consume("<!")) {
        fail("look-around is not supported (neither is it by Rust's regex, which Hurl uses)");
      }
      if (consume("P<") || consume("<")) {
        node.capture = ++syntax_.captures;
        const auto end = text_.find('>', pos_);
        if (end == std::string_view::npos || end == pos_) fail("invalid capture group name");
        syntax_.names.emplace_back(text_.substr(pos_, end - pos_));
        pos_ = end + 1;
      } else if (!read_flags(inner)) {  // `(?flags)`: they apply to the rest of the enclosing group
        flags = inner;
        return Node{};
      }
    } else {
      node.capture = ++syntax_.captures;
      syntax_.names.emplace_back();
    }
    node.children.push_back(alternation(inner, depth + 1));
    if (!consume(")")) fail("unclosed group: expected `)`");
    return node;
  }

  // Reads `flags)` or `flags:` after `(?`; true for the scoped `:` form.
  bool read_flags(Flags& flags) {
    bool on = true;
    for (;;) {
      const char c = peek();
      ++pos_;
      if (c == ':') return true;
      if (c == ')') return false;
      if (c == '-') {
        on = false;
      } else if (c == 'i') {
        flags.ignore_case = on;
      } else if (c == 'm') {
        flags.multi_line = on;
      } else if (c == 's') {
        flags.dot_all = on;
      } else if (c == 'U') {
        flags.swap_greed = on;
      } else {
        --pos_;
        fail(c == 'x' ? "the verbose flag x is not supported" : "unknown group flag or syntax after `(?`");
      }
    }
  }

  // After `\` outside a class.
  Node escape(const Flags& flags) {
    if (at_end()) fail("incomplete escape at the end of the pattern");
    switch (peek()) {
      case 'b':
        ++pos_;
        return assertion(Assertion::kWordBoundary);
      case 'B':
        ++pos_;
        return assertion(Assertion::kNotWordBoundary);
      case 'A':
        ++pos_;
        return assertion(Assertion::kTextStart);
      case 'z':
        ++pos_;
        return assertion(Assertion::kTextEnd);
      default:
        break;
    }
    if (auto set = class_escape()) return set_node(std::move(*set));
    return literal(escaped_code_point(), flags);
  }

  // \d \D \w \W \s \S \p{…} \P{…} at the cursor (after `\`), if that is what is there.
  std::optional<CharSet> class_escape() {
    const char c = peek();
    const CharSet* base = c == 'd' || c == 'D'   ? &digit_class()
                          : c == 'w' || c == 'W' ? &word_class()
                          : c == 's' || c == 'S' ? &space_class()
                                                 : nullptr;
    if (base) {
      ++pos_;
      return std::isupper(static_cast<unsigned char>(c)) ? base->negated() : *base;
    }
    if (c != 'p' && c != 'P') return std::nullopt;
    ++pos_;
    std::string_view name;
    if (consume("{")) {
      const auto end = text_.find('}', pos_);
      if (end == std::string_view::npos) fail("unclosed Unicode class: expected `}`");
      name = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
    } else {
      name = text_.substr(pos_, 1);
      ++pos_;
    }
    auto set = category_class(name);
    if (!set)
      fail(fmt::format("Unicode class `{}` is not supported (general categories like L, Lu, Nd are)", name));
    return c == 'P' ? set->negated() : *set;
  }

  // The code point an escape stands for: \n \t \r \f \v \a, \xHH, \x{…}, \u…, \U…, or escaped punctuation.
  char32_t escaped_code_point() {
    const char c = peek();
    ++pos_;
    switch (c) {
      case 'n':
        return U'\n';
      case 't':
        return U'\t';
      case 'r':
        return U'\r';
      case 'f':
        return U'\f';
      case 'v':
        return U'\v';
      case 'a':
        return U'\a';
      case 'x':
        return hex_code_point(2);
      case 'u':
        return hex_code_point(4);
      case 'U':
        return hex_code_point(8);
      default:
        break;
    }
    if (c >= '0' && c <= '9')
      fail("backreferences are not supported (neither is it by Rust's regex, which Hurl uses)");
    if (is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == '<' || c == '>') {
      --pos_;
      fail(fmt::format("unrecognized escape `\\{}`", c));
    }
    return static_cast<unsigned char>(c);
  }

  char32_t hex_code_point(int digits) {
    const bool braced = consume("{");
    char32_t value = 0;
    int count = 0;
    while (!at_end() && std::isxdigit(static_cast<unsigned char>(peek())) && (braced || count < digits)) {
      const char c = peek();
      value = value * 16 + static_cast<char32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      ++pos_;
      if (++count > 8) fail("hex escape is too long");
    }
    if ((braced && !consume("}")) || count == 0 || (!braced && count != digits)) fail("invalid hex escape");
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
      fail("hex escape is not a Unicode scalar value");
    return value;
  }

  // `[…]`: items, ranges, escapes and [:name:] classes; folded under (?i), then negated for `[^…]`.
  CharSet bracket_class(const Flags& flags) {
    ++pos_;
    const bool negate = consume("^");
    CharSet set;
    bool first = true;
    while (first || peek() != ']') {
      if (at_end()) fail("unclosed character class: expected `]`");
      if (consume("[:")) {
        const bool negate_item = consume("^");
        const auto end = text_.find(":]", pos_);
        auto named =
            end == std::string_view::npos ? std::nullopt : ascii_class(text_.substr(pos_, end - pos_));
        if (!named) fail("unknown ASCII class; use one of [:alpha:], [:digit:], [:space:], …");
        pos_ = end + 2;
        set.add(negate_item ? named->negated() : *named);
      } else if (peek() == '[' || text_.substr(pos_).starts_with("&&") ||
                 text_.substr(pos_).starts_with("--") || text_.substr(pos_).starts_with("~~")) {
        fail("nested character classes and class set operations are not supported");
      } else {
        class_item(set);
      }
      first = false;
    }
    ++pos_;
    if (flags.ignore_case) set = set.case_folded();
    return negate ? set.negated() : set;
  }

  // One character, escape or range `a-z` inside a class.
  void class_item(CharSet& set) {
    char32_t low = 0;
    if (consume("\\")) {
      if (at_end()) fail("incomplete escape at the end of the pattern");
      if (auto named = class_escape()) return set.add(*named);
      low = escaped_code_point();
    } else {
      low = next_code_point();
    }
    if (peek() == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] != ']') {
      ++pos_;
      const char32_t high = consume("\\") ? escaped_code_point() : next_code_point();
      if (high < low) fail("invalid class range: the end is before the start");
      return set.add(low, high);
    }
    set.add(low, low);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Syntax syntax_;
};

}  // namespace

Result<Syntax> parse(std::string_view pattern) {
  try {
    return Parser(pattern).run();
  } catch (const SyntaxError& error) {
    return failure(fmt::format("`{}` is not a valid regular expression: {} (at offset {})", pattern,
                               error.message, error.offset));
  }
}

}  // namespace roadwork::run::regex
