#pragma once
// The program a regular expression compiles to, for the Pike VM in regex.cpp (Russ Cox, "Regular
// Expression Matching: the Virtual Machine Approach").

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "checker/run/regex_syntax.hpp"

namespace roadwork::run::regex {

/// One instruction: consume a code point of a set, branch, jump, record a position, test, or accept.
struct Instruction {
  enum class Op { kSet, kSplit, kJump, kSave, kAssert, kMatch };
  Op op = Op::kMatch;
  int set = 0;  ///< kSet: index into Program::sets
  int x = 0;    ///< kSplit: the preferred target; kJump: the target; kSave: the slot
  int y = 0;    ///< kSplit: the other target
  Assertion assertion = Assertion::kTextStart;
};

/// A compiled expression: instructions run from 0, the sets they test, and the capture groups' names.
struct Program {
  std::vector<Instruction> code;
  std::vector<CharSet> sets;
  std::size_t slots = 2;  ///< two a group, group 0 included
  std::vector<std::string> names;
};

/// Compiles `syntax` into a program that records group positions in slots 2i and 2i+1; nullptr when the
/// program would exceed 100000 instructions (counted repetitions copy their operand).
std::unique_ptr<Program> compile(const Syntax& syntax);

}  // namespace roadwork::run::regex
