#include "checker/run/regex.hpp"

#include <algorithm>
#include <cctype>

#include "checker/jsonpath/utf8.hpp"
#include "checker/run/regex_program.hpp"

namespace roadwork::run {

namespace {

using regex::Assertion;
using regex::Instruction;
using regex::Program;
using Op = Instruction::Op;

constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);
constexpr char32_t kNoCharacter = static_cast<char32_t>(-1);

// The code point at `pos` and its length in bytes; an invalid byte reads as U+FFFD, one byte long.
std::pair<char32_t, std::size_t> decode_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return {kNoCharacter, 0};
  auto next = pos;
  if (const auto c = jsonpath::decode_utf8(text, next)) return {*c, next - pos};
  return {0xFFFD, 1};
}

char32_t decode_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return kNoCharacter;
  auto start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  const auto [c, length] = decode_at(text, start);
  return start + length == pos ? c : 0xFFFD;
}

bool is_word(char32_t c) { return c != kNoCharacter && regex::word_class().contains(c); }

// Where a thread stands: the byte offset and the code points on each side of it.
struct Position {
  std::size_t offset;
  char32_t before;
  char32_t after;
};

bool holds(Assertion assertion, const Position& at) {
  switch (assertion) {
    case Assertion::kTextStart:
      return at.before == kNoCharacter;
    case Assertion::kTextEnd:
      return at.after == kNoCharacter;
    case Assertion::kLineStart:
      return at.before == kNoCharacter || at.before == U'\n';
    case Assertion::kLineEnd:
      return at.after == kNoCharacter || at.after == U'\n';
    case Assertion::kWordBoundary:
      return is_word(at.before) != is_word(at.after);
    case Assertion::kNotWordBoundary:
      return is_word(at.before) == is_word(at.after);
  }
  return false;
}

// The threads at one position: a sparse set of instruction indexes, in priority order, with each thread's
// capture slots.
class ThreadList {
 public:
  ThreadList(std::size_t instructions, std::size_t slots)
      : sparse_(instructions), slots_(slots), captures_(instructions * slots) {}

  bool contains(int pc) const {
    const auto index = sparse_[static_cast<std::size_t>(pc)];
    return index < dense_.size() && dense_[index] == pc;
  }
  void insert(int pc) {
    sparse_[static_cast<std::size_t>(pc)] = dense_.size();
    dense_.push_back(pc);
  }
  void clear() { dense_.clear(); }
  bool empty() const { return dense_.empty(); }
  const std::vector<int>& pcs() const { return dense_; }
  std::size_t* captures(int pc) { return &captures_[static_cast<std::size_t>(pc) * slots_]; }

 private:
  std::vector<int> dense_;
  std::vector<std::size_t> sparse_;
  std::size_t slots_;
  std::vector<std::size_t> captures_;
};

class Vm {
 public:
  explicit Vm(const Program& program)
      : program_(program),
        current_(program.code.size(), program.slots),
        next_(program.code.size(), program.slots),
        scratch_(program.slots, kNoPosition) {}

  std::optional<Regex::Groups> search(std::string_view text, std::size_t start) {
    std::optional<std::vector<std::size_t>> best;
    Position at{start, decode_before(text, start), decode_at(text, start).first};
    for (;;) {
      if (!best) {
        std::fill(scratch_.begin(), scratch_.end(), kNoPosition);
        add_thread(current_, 0, scratch_.data(), at);
      }
      if (current_.empty() && best) break;
      const auto [c, length] = decode_at(text, at.offset);
      const Position after{at.offset + length, c, decode_at(text, at.offset + length).first};
      next_.clear();
      for (const int pc : current_.pcs()) {
        const auto& instruction = program_.code[static_cast<std::size_t>(pc)];
        auto* captures = current_.captures(pc);
        if (instruction.op == Op::kMatch) {
          best.emplace(captures, captures + program_.slots);
          break;  // threads after this one have lower priority: leftmost-first
        }
        if (instruction.op == Op::kSet && c != kNoCharacter &&
            program_.sets[static_cast<std::size_t>(instruction.set)].contains(c)) {
          add_thread(next_, pc + 1, captures, after);
        }
      }
      std::swap(current_, next_);
      if (c == kNoCharacter) break;
      at = after;
    }
    if (!best) return std::nullopt;
    Regex::Groups groups;
    for (std::size_t slot = 0; slot + 1 < program_.slots; slot += 2) {
      const auto begin = (*best)[slot];
      const auto end = (*best)[slot + 1];
      if (begin == kNoPosition || end == kNoPosition) {
        groups.emplace_back();
      } else {
        groups.emplace_back(std::pair{begin, end});
      }
    }
    return groups;
  }

 private:
  // Follows jumps, splits, saves and assertions from `pc` (without recursion: a stack of pending branches
  // and slot restores) and adds the threads that wait on a character or a match to `list`.
  void add_thread(ThreadList& list, int pc, std::size_t* captures, const Position& at) {
    stack_.push_back({pc, -1, 0});
    while (!stack_.empty()) {
      const auto pending = stack_.back();
      stack_.pop_back();
      if (pending.restore_slot >= 0) {
        captures[pending.restore_slot] = pending.restore_value;
        continue;
      }
      for (int current = pending.pc; !list.contains(current);) {
        list.insert(current);
        const auto& instruction = program_.code[static_cast<std::size_t>(current)];
        if (instruction.op == Op::kJump) {
          current = instruction.x;
        } else if (instruction.op == Op::kSplit) {
          stack_.push_back({instruction.y, -1, 0});
          current = instruction.x;
        } else if (instruction.op == Op::kSave) {
          stack_.push_back({0, instruction.x, captures[instruction.x]});
          captures[instruction.x] = at.offset;
          current += 1;
        } else if (instruction.op == Op::kAssert) {
          if (!holds(instruction.assertion, at)) break;
          current += 1;
        } else {
          std::copy(captures, captures + program_.slots, list.captures(current));
          break;
        }
      }
    }
  }

  const Program& program_;
  ThreadList current_;
  ThreadList next_;
  std::vector<std::size_t> scratch_;
  struct Frame {
    int pc;
    int restore_slot;
    std::size_t restore_value;
  };
  std::vector<Frame> stack_;
};

}  // namespace

Result<Regex> Regex::compile(std::string_view pattern) {
  auto syntax = regex::parse(pattern);
  if (!syntax.ok()) return syntax.error();
  auto program = regex::compile(syntax.value());
  if (!program) {
    return failure("`" + std::string(pattern) +
                   "` is too large a regular expression (its repetitions expand to more than 100000 steps)");
  }
  Regex regex;
  regex.program_ = std::move(program);
  return regex;
}

std::optional<Regex::Groups> Regex::find(std::string_view text, std::size_t start) const {
  if (start > text.size()) return std::nullopt;
  return Vm(*program_).search(text, start);
}

int Regex::group_index(std::string_view name) const {
  for (std::size_t i = 1; i < program_->names.size(); ++i) {
    if (program_->names[i] == name) return static_cast<int>(i);
  }
  return -1;
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
  while (start <= text.size()) {
    const auto groups = regex.find(text, start);
    if (!groups) break;
    const auto [begin, end] = *groups->front();
    out += text.substr(copied, begin - copied);
    expand_replacement(out, regex, *groups, text, replacement);
    copied = end;
    if (end > begin) {
      start = end;
    } else {  // an empty match: the next search starts after the next character
      if (end >= text.size()) break;
      start = end + decode_at(text, end).second;
    }
  }
  return out + std::string(text.substr(copied));
}

}  // namespace roadwork::run
