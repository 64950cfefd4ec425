#include "checker/run/regex_program.hpp"

namespace roadwork::run::regex {

namespace {

using Op = Instruction::Op;

// Past this size a pattern is refused rather than run slowly.
constexpr std::size_t kMaxInstructions = 100'000;

class Compiler {
 public:
  explicit Compiler(Program& program) : program_(program) {}

  bool emit(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kEmpty:
        return true;
      case Node::Kind::kSet:
        program_.sets.push_back(node.set);
        return push({Op::kSet, static_cast<int>(program_.sets.size() - 1)});
      case Node::Kind::kAssert:
        return push({Op::kAssert, 0, 0, 0, node.assertion});
      case Node::Kind::kConcat:
        for (const auto& child : node.children) {
          if (!emit(child)) return false;
        }
        return true;
      case Node::Kind::kAlternate:
        return alternate(node);
      case Node::Kind::kGroup:
        if (node.capture < 0) return emit(node.children.front());
        return push({Op::kSave, 0, 2 * node.capture}) && emit(node.children.front()) &&
               push({Op::kSave, 0, 2 * node.capture + 1});
      case Node::Kind::kRepeat:
        return repeat(node);
    }
    return false;
  }

  bool push(Instruction instruction) {
    if (program_.code.size() >= kMaxInstructions) return false;
    program_.code.push_back(instruction);
    return true;
  }

 private:
  int here() const { return static_cast<int>(program_.code.size()); }

  // a|b|c: split to each branch in order; every branch but the last jumps to the end.
  bool alternate(const Node& node) {
    std::vector<int> jumps;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const bool last = i + 1 == node.children.size();
      const int split = here();
      if (!last && !push({Op::kSplit, 0, split + 1})) return false;
      if (!emit(node.children[i])) return false;
      if (last) break;
      jumps.push_back(here());
      if (!push({Op::kJump})) return false;
      program_.code[static_cast<std::size_t>(split)].y = here();
    }
    for (const int jump : jumps) program_.code[static_cast<std::size_t>(jump)].x = here();
    return true;
  }

  // A split whose preferred branch is the next instruction when greedy, `target` when lazy.
  bool split_to(int target, bool greedy) {
    const int next = here() + 1;
    return push({Op::kSplit, 0, greedy ? next : target, greedy ? target : next});
  }

  // x{min,max}: `min` copies, then either a loop (no max) or max-min optional copies.
  bool repeat(const Node& node) {
    const auto& child = node.children.front();
    for (int i = 0; i < node.min; ++i) {
      if (!emit(child)) return false;
    }
    if (node.max == -1) {
      const int loop = here();
      if (!push({Op::kSplit})) return false;
      if (!emit(child) || !push({Op::kJump, 0, loop})) return false;
      auto& split = program_.code[static_cast<std::size_t>(loop)];
      split.x = node.greedy ? loop + 1 : here();
      split.y = node.greedy ? here() : loop + 1;
      return true;
    }
    std::vector<int> splits;
    for (int i = node.min; i < node.max; ++i) {
      splits.push_back(here());
      if (!split_to(0, node.greedy) || !emit(child)) return false;
    }
    for (const int at : splits) {
      auto& split = program_.code[static_cast<std::size_t>(at)];
      (node.greedy ? split.y : split.x) = here();
    }
    return true;
  }

  Program& program_;
};

}  // namespace

std::unique_ptr<Program> compile(const Syntax& syntax) {
  auto program = std::make_unique<Program>();
  program->slots = 2 * (static_cast<std::size_t>(syntax.captures) + 1);
  program->names = syntax.names;
  Compiler compiler(*program);
  const bool fits = compiler.push({Op::kSave, 0, 0}) && compiler.emit(syntax.root) &&
                    compiler.push({Op::kSave, 0, 1}) && compiler.push({Op::kMatch});
  return fits ? std::move(program) : nullptr;
}

}  // namespace roadwork::run::regex
