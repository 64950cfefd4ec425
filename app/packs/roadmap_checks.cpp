#include "app/packs/roadmap_checks.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/course/names.hpp"

namespace roadwork::packs {

namespace fs = std::filesystem;

namespace {

constexpr const char* kKebabRule = "must be kebab-case: lower-case words and digits joined by -";

void check_pack_table(const TomlDoc& roadmap, Problems& problems) {
  const auto* pack = roadmap.table["pack"].as_table();
  if (!pack) return;  // the loader reported it
  if (const auto* id = pack->get_as<std::string>("id");
      id && !id->get().empty() && !course::is_kebab_case(id->get()))
    problems.error(roadmap.place(id), "pack id \"" + id->get() + "\" " + kKebabRule);
  if (const auto* version = pack->get_as<std::string>("version");
      version && !version->get().empty() && !course::is_semantic_version(version->get())) {
    problems.error(roadmap.place(version),
                   "version \"" + version->get() +
                       "\" must be a semantic version: MAJOR.MINOR.PATCH, such as \"1.0.0\"");
  }
}

// Exercise folders no stage lists, by name.
std::vector<std::string> unlisted_folders(const fs::path& root, const std::set<std::string>& listed) {
  std::vector<std::string> unlisted;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root / "exercises", error)) {
    const auto name = entry.path().filename().string();
    if (entry.is_directory() && !name.starts_with('.') && !listed.count(name)) unlisted.push_back(name);
  }
  std::sort(unlisted.begin(), unlisted.end());
  return unlisted;
}

}  // namespace

void check_roadmap(const fs::path& root, const TomlDoc& roadmap, Problems& problems) {
  check_pack_table(roadmap, problems);
  std::map<std::string, int> stage_lines;
  std::set<std::string> listed;
  for (const auto* stage : tables_at(roadmap.table, "stages")) {
    std::string name = "this stage";
    if (const auto* id = stage->get_as<std::string>("id"); id && !id->get().empty()) {
      name = "stage \"" + id->get() + "\"";
      const auto place = roadmap.place(id);
      if (!course::is_kebab_case(id->get()))
        problems.error(place, "stage id \"" + id->get() + "\" " + kKebabRule);
      const auto [first, added] = stage_lines.emplace(id->get(), place.line);
      if (!added)
        problems.error(place, "stage id \"" + id->get() + "\" is used twice (first at line " +
                                  std::to_string(first->second) + ")");
    }
    const auto exercises = located_strings(*stage, "exercises");
    const auto* exercises_node = stage->get("exercises");
    if (exercises.empty() && (!exercises_node || exercises_node->is_array()))
      problems.error(roadmap.place(exercises_node ? exercises_node : stage), name + " lists no exercises");
    for (const auto& exercise : exercises) {
      if (!course::is_kebab_case(exercise.value)) {
        problems.error(roadmap.place(exercise.node), "exercise id \"" + exercise.value + "\" " + kKebabRule);
        continue;
      }
      if (!listed.insert(exercise.value).second) continue;  // listed twice: the loader reported it
      if (!fs::is_directory(root / "exercises" / exercise.value)) {
        problems.warning(roadmap.place(exercise.node), "exercise \"" + exercise.value +
                                                           "\" has no folder exercises/" + exercise.value +
                                                           "/ yet: learners see it as coming soon");
      }
    }
  }
  for (const auto& folder : unlisted_folders(root, listed))
    problems.warning(roadmap.place(nullptr),
                     "exercises/" + folder + "/ is not listed by any stage: no learner can reach it");
}

}  // namespace roadwork::packs
