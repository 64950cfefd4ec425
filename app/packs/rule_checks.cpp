#include "app/packs/rule_checks.hpp"

#include <algorithm>

#include "app/course/exercise_code.hpp"
#include "app/course/mutant.hpp"

namespace roadwork::packs {

namespace {

Place place_of(const hurl::SourceLocation& location) {
  return {location.file, location.line, location.column};
}

bool breaks_in(const course::Mutant& mutant, const course::Rule& rule, const std::string& stack) {
  return mutant.rule == rule.id && mutant.edits_stack(stack);
}

void check_rule_mutants(const course::Exercise& exercise, const course::Rule& rule, Problems& problems) {
  for (const auto& stack : course::code_stacks(exercise)) {
    const auto breaks = [&](const course::Mutant& mutant) { return breaks_in(mutant, rule, stack); };
    if (std::any_of(exercise.mutants.begin(), exercise.mutants.end(), breaks)) continue;
    const auto message = "no mutant breaks rule \"" + rule.id + "\" in the " + stack +
                         " solution: add mutants/<bug>.toml with rule = \"" + rule.id +
                         "\" and an [[edit]] with stack = \"" + stack + "\", to prove a step checks it";
    if (stack == "python")
      problems.error(place_of(rule.location), message);
    else
      problems.warning(place_of(rule.location), message);
  }
}

void check_edits(const course::Exercise& exercise, const course::Mutant& mutant, Problems& problems) {
  for (const auto& stack : mutant.stacks()) {
    if (!course::has_code(exercise, stack)) {
      const auto& edit = *std::find_if(mutant.edits.begin(), mutant.edits.end(),
                                       [&](const auto& candidate) { return candidate.stack == stack; });
      problems.error(place_of(edit.find_location), "this edit is for stack \"" + stack +
                                                       "\", but the exercise has no " + stack + " solution");
      continue;
    }
    const auto solution = course::exercise_code(exercise, stack, course::CodeVariant::Solution);
    if (!solution) {
      problems.located_error(solution.error());
      continue;
    }
    if (const auto edited = course::edited_files(*solution, mutant, stack); !edited)
      problems.located_error(edited.error());
  }
}

}  // namespace

void check_rules(const course::Exercise& exercise, Problems& problems) {
  if (exercise.rules.empty() && exercise.needs_server())
    problems.warning({(exercise.dir / "exercise.toml").string(), 1, 1},
                     "exercise \"" + exercise.id +
                         "\" has no rules: add a [[rules]] entry for each rule its README states, naming the "
                         "steps that check it");
  for (const auto& rule : exercise.rules) check_rule_mutants(exercise, rule, problems);
  for (const auto& mutant : exercise.mutants) check_edits(exercise, mutant, problems);
}

}  // namespace roadwork::packs
