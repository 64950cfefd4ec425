#include "app/packs/exercise_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

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
void check_no_links(const course::Exercise& exercise, Problems& problems) {
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(exercise.dir, error); !error && it != fs::end(it);
       it.increment(error)) {
    if (it->is_symlink(error)) {
      problems.error({it->path().string()}, "a symbolic link: a pack holds only files and folders, so that "
                                            "nothing of it leads out of it");
    } else if (it->path().filename() == "node_modules") {
      it.disable_recursion_pending();
    }
  }
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

void check_stacks(const course::Exercise& exercise, const TomlDoc& doc, Problems& problems) {
  const auto place = doc.place(nullptr);
  const auto starters = stack_folders(exercise.dir / "starter");
  const auto solutions = stack_folders(exercise.dir / "solution");
  if (!starters.count("python")) problems.error(place, "no starter/python/: a python starter is required");
  if (!solutions.count("python"))
    problems.error(place, "no solution/python/: a python reference solution is required");
  std::set<std::string> stacks = starters;
  stacks.insert(solutions.begin(), solutions.end());
  for (const auto& stack : stacks) {
    if (stack != "python" && !starters.count(stack))
      problems.error(place, fmt::format("solution/{}/ has no starter/{}/ to go with it", stack, stack));
    if (stack != "python" && !solutions.count(stack))
      problems.error(place, fmt::format("starter/{}/ has no solution/{}/ to go with it", stack, stack));
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
  check_no_links(exercise, problems);
  if (needs_server) check_stacks(exercise, doc, problems);
}

}  // namespace roadwork::packs
