#include "app/packs/exercise_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/course/exercise_code.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::packs {

namespace fs = std::filesystem;

namespace {

// The id of the stage that lists `exercise`, or "" when none does.
std::string listing_stage(const course::Pack& pack, const std::string& exercise) {
  for (const auto& stage : pack.stages)
    if (std::find(stage.exercises.begin(), stage.exercises.end(), exercise) != stage.exercises.end())
      return stage.id;
  return "";
}

void check_stage(const course::Pack& pack, const course::Exercise& exercise, const TomlDoc& doc,
                 Problems& problems) {
  const auto listed_by = listing_stage(pack, exercise.id);
  if (exercise.stage.empty() || listed_by.empty() || exercise.stage == listed_by) return;
  problems.error(doc.place(doc.table.get("stage")), "stage \"" + exercise.stage +
                                                        "\" does not match roadmap.toml, where stage \"" +
                                                        listed_by + "\" lists this exercise");
}

void check_requires(const course::Pack& pack, const TomlDoc& doc, Problems& problems) {
  for (const auto& required : located_strings(doc.table, "requires")) {
    const auto place = doc.place(required.node);
    if (listing_stage(pack, required.value).empty())
      problems.error(place, "requires \"" + required.value + "\", which is not an exercise of this pack");
    else if (!fs::is_directory(pack.root / "exercises" / required.value))
      problems.error(place, "requires \"" + required.value +
                                "\", which is not written yet (there is no exercises/" + required.value +
                                "/)");
  }
}

// Returns whether some step needs the learner's server: every kind but practice does.
bool check_step_names(const TomlDoc& doc, Problems& problems) {
  std::map<std::string, int> lines;
  bool needs_server = false;
  for (const auto* step : tables_at(doc.table, "steps")) {
    needs_server = needs_server || !step->contains("practice");
    const auto* name = step->get_as<std::string>("name");
    if (!name) continue;
    const auto place = doc.place(name);
    const auto [first, added] = lines.emplace(name->get(), place.line);
    if (!added)
      problems.error(place, "step name \"" + name->get() + "\" is used twice (first at line " +
                                std::to_string(first->second) + ")");
  }
  return needs_server;
}

void check_readme(const course::Exercise& exercise, const TomlDoc& doc, Problems& problems) {
  const auto readme = exercise.dir / "README.md";
  std::error_code error;
  if (!fs::is_regular_file(readme, error))
    return problems.error(doc.place(nullptr), "no README.md: the task as the learner reads it");
  if (fs::file_size(readme, error) == 0) problems.error(doc.place(nullptr), "README.md is empty");
}

// A pack holds only files and folders: a link in a starter would make `roadwork start` read (or, through a
// link the learner's project has, write) outside the pack, and a check file behind a link would be read
// from anywhere. node_modules folders, npm's own links inside, are not the pack's content.
bool check_no_links(const course::Exercise& exercise, Problems& problems) {
  bool none = true;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(exercise.dir, error); !error && it != fs::end(it);
       it.increment(error)) {
    if (it->is_symlink(error)) {
      problems.error({it->path().string()},
                     "a symbolic link: a pack holds only files and folders, so that "
                     "nothing of it leads out of it");
      none = false;
    } else if (it->path().filename() == "node_modules") {
      it.disable_recursion_pending();
    }
  }
  return none;
}

// "python and node": the stacks roadwork can run.
std::string runnable_stacks() {
  std::vector<std::string> names;
  for (const auto& [name, stack] : workspace::stacks()) names.push_back(name);
  std::string list = names.empty() ? "" : names.front();
  for (std::size_t i = 1; i < names.size(); ++i) list += (i + 1 == names.size() ? " and " : ", ") + names[i];
  return list;
}

std::set<std::string> stack_folders(const fs::path& dir) {
  std::set<std::string> stacks;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error))
    if (entry.is_directory()) stacks.insert(entry.path().filename().string());
  return stacks;
}

// A starter or solution that cannot be materialised (a patch that no longer applies, a region left open) is
// a located error; a derived starter that is the solution itself cannot fail.
void check_code(const course::Exercise& exercise, const std::string& stack, const TomlDoc& doc,
                Problems& problems) {
  const auto solution = course::exercise_code(exercise, stack, course::CodeVariant::Solution);
  if (!solution) return problems.located_error(solution.error());
  const auto starter = course::exercise_code(exercise, stack, course::CodeVariant::Starter);
  if (!starter) return problems.located_error(starter.error());
  if (!fs::is_directory(exercise.starter(stack)) &&
      std::equal(
          solution->begin(), solution->end(), starter->begin(), starter->end(),
          [](const auto& a, const auto& b) { return a.first == b.first && a.second.text == b.second.text; }))
    problems.error(doc.place(nullptr),
                   fmt::format("the {} starter is the solution itself: mark the code the learner writes with "
                               "`roadwork: starter` regions (exercises/README.md: Starters)",
                               stack));
}

void check_stacks(const course::Exercise& exercise, const TomlDoc& doc, Problems& problems) {
  const auto place = doc.place(nullptr);
  const auto starters = stack_folders(exercise.dir / "starter");
  const auto code = course::code_stacks(exercise);
  const std::set<std::string> solutions(code.begin(), code.end());
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(exercise.dir / "solution", error)) {
    const auto name = entry.path().stem().string();
    if (entry.path().extension() != ".patch") continue;
    if (exercise.builds_on.empty())
      problems.error(place,
                     fmt::format("solution/{}.patch changes the solution of the exercise this one builds "
                                 "on, but exercise.toml has no builds_on",
                                 name));
    else if (fs::is_directory(exercise.dir / "solution" / name))
      problems.error(place, fmt::format("solution/{}/ and solution/{}.patch: keep one of them", name, name));
    else if (!solutions.count(name))
      problems.error(place, fmt::format("solution/{}.patch has no {} solution of {} to change", name, name,
                                        exercise.builds_on));
  }
  if (!solutions.count("python"))
    problems.error(place,
                   "no python reference solution: solution/python/, or solution/python.patch with builds_on");
  for (const auto& stack : starters)
    if (!solutions.count(stack))
      problems.error(place, fmt::format("starter/{}/ has no {} solution to go with it", stack, stack));
  for (const auto& stack : solutions) {
    check_code(exercise, stack, doc, problems);
    if (!workspace::stacks().count(stack))
      problems.warning(place, fmt::format("the {} starter and solution are not run: roadwork runs {} servers",
                                          stack, runnable_stacks()));
  }
}

}  // namespace

void check_exercise(const course::Pack& pack, const course::Exercise& exercise, const TomlDoc& doc,
                    Problems& problems) {
  check_stage(pack, exercise, doc, problems);
  check_requires(pack, doc, problems);
  const bool needs_server = check_step_names(doc, problems);
  check_readme(exercise, doc, problems);
  // Code is materialised only from a folder without links: one would be read through, or refused twice.
  if (check_no_links(exercise, problems) && needs_server) check_stacks(exercise, doc, problems);
}

}  // namespace roadwork::packs
