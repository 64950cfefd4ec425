#include "app/packs/registry.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <optional>

namespace roadwork::packs {

namespace fs = std::filesystem;

namespace {

// "pack/exercise" split at its slash; `pack` is empty for a plain exercise id.
struct ExerciseName {
  std::string pack;
  std::string exercise;
};

ExerciseName split_name(const std::string& name) {
  const auto slash = name.find('/');
  if (slash == std::string::npos) return {"", name};
  return {name.substr(0, slash), name.substr(slash + 1)};
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The [pack] id of the roadmap in `folder`, read alone; nullopt when there is none to read.
std::optional<std::string> pack_id_at(const fs::path& folder) {
  try {
    const auto roadmap = toml::parse_file((folder / "lessons" / "roadmap.toml").string());
    if (auto id = roadmap["pack"]["id"].value<std::string>()) return id;
  } catch (const toml::parse_error&) {
  }
  return std::nullopt;
}

bool is_listed(const course::Pack& pack, const std::string& id) {
  return std::any_of(pack.stages.begin(), pack.stages.end(), [&](const auto& stage) {
    return std::find(stage.exercises.begin(), stage.exercises.end(), id) != stage.exercises.end();
  });
}

}  // namespace

Expected<std::vector<course::Pack>, std::vector<Diagnostic>> load_added_packs(
    const workspace::Workspace& workspace) {
  std::vector<course::Pack> packs;
  for (const auto& folder : workspace.packs) {
    if (!fs::is_regular_file(fs::path(folder) / "lessons" / "roadmap.toml"))
      return std::vector<Diagnostic>{unplaced(fmt::format(
          "{} lists the pack {}, which is not there any more; unregister it with `roadwork pack remove {}`",
          workspace.config_path().string(), folder, folder))};
    auto pack = course::load_pack(folder, course::MutantLoading::ForCommandSteps);
    if (!pack) return pack.error();
    packs.push_back(std::move(*pack));
  }
  return packs;
}

std::optional<Diagnostic> add_pack(workspace::Workspace& workspace,
                                   const std::vector<const course::Pack*>& installed,
                                   const course::Pack& pack) {
  const auto folder = fs::absolute(pack.root).lexically_normal();
  for (const auto* other : installed) {
    if (fs::absolute(other->root).lexically_normal() == folder)
      return unplaced("the pack " + pack.id + " (" + folder.string() + ") is added already");
    if (other->id == pack.id)
      return unplaced("a pack with the id \"" + pack.id + "\" is installed already (" + other->root.string() +
                      "); pack ids must be unique: change `id` in " +
                      (pack.root / "lessons" / "roadmap.toml").string());
  }
  workspace.packs.push_back(folder.string());
  return workspace::save(workspace);
}

Expected<std::string> remove_pack(workspace::Workspace& workspace, const std::string& builtin_id,
                                  const std::string& id_or_path) {
  if (id_or_path == builtin_id) return unplaced("the built-in pack " + builtin_id + " cannot be removed");
  std::vector<std::string> ids;
  auto found = workspace.packs.end();
  for (auto it = workspace.packs.begin(); it != workspace.packs.end(); ++it) {
    const auto id = pack_id_at(*it);
    if (id) ids.push_back(*id);
    if (*it == id_or_path || id == id_or_path) found = it;
  }
  if (found == workspace.packs.end()) {
    return unplaced("no pack \"" + id_or_path + "\" was added to this workspace" +
                    (ids.empty() ? std::string(" (none was)") : "; added packs: " + join(ids)));
  }
  auto folder = *found;
  workspace.packs.erase(found);
  if (auto failed = workspace::save(workspace)) return std::move(*failed);
  return folder;
}

std::vector<ExerciseMatch> find_exercises(const std::vector<const course::Pack*>& packs,
                                          const std::string& name) {
  const auto [pack_id, exercise_id] = split_name(name);
  std::vector<ExerciseMatch> matches;
  for (const auto* pack : packs) {
    if (!pack_id.empty() && pack->id != pack_id) continue;
    if (const auto* exercise = pack->find_exercise(exercise_id)) matches.push_back({pack, exercise});
  }
  return matches;
}

Expected<ExerciseMatch> resolve_exercise(const std::vector<const course::Pack*>& packs,
                                         const std::string& name) {
  const auto matches = find_exercises(packs, name);
  if (matches.size() == 1) return matches.front();
  if (matches.size() > 1) {
    std::vector<std::string> names;
    names.reserve(matches.size());
    for (const auto& match : matches) names.push_back(match.pack->id + "/" + match.exercise->id);
    return unplaced("exercise \"" + name + "\" is ambiguous: it is in several packs; name one of " +
                    join(names));
  }
  const auto [pack_id, exercise_id] = split_name(name);
  std::vector<std::string> ids, available;
  for (const auto* pack : packs) {
    if (!pack_id.empty() && pack->id != pack_id) continue;
    if (is_listed(*pack, exercise_id))
      return unplaced("exercise \"" + name + "\" is on the roadmap but not written yet (coming soon)");
    ids.push_back(pack->id);
    for (const auto& exercise : pack->exercises)
      available.push_back(packs.size() == 1 ? exercise.id : pack->id + "/" + exercise.id);
  }
  if (ids.empty()) {
    for (const auto* pack : packs) ids.push_back(pack->id);
    return unplaced("no pack \"" + pack_id + "\" is installed; installed packs: " + join(ids));
  }
  return unplaced("no exercise \"" + exercise_id + "\" in " + (ids.size() == 1 ? "pack " : "packs ") +
                  join(ids) + "; available: " + join(available));
}

}  // namespace roadwork::packs
