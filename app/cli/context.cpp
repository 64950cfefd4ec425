#include "app/cli/context.hpp"

#include <algorithm>
#include <optional>

#include "app/cli/need.hpp"
#include "app/packs/registry.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::cli {

course::Pack load_builtin_pack(course::MutantLoading mutants, std::string_view last) {
  return need(course::load_pack(need(course::builtin_pack_dir()), mutants, last));
}

namespace {

// `last`: what load_pack reads up to; nullopt for the exercise the store names as the current one.
Session open_session_up_to(const std::optional<std::string>& last) {
  auto workspace = need(workspace::load_current());
  auto store = std::make_unique<progress::Store>(workspace.progress_db());
  // An added pack's exercise ("PACK/ID") needs the whole built-in pack, whose exercise of the same id wins.
  std::string up_to = last ? *last : store->get_state(kCurrentExerciseKey).value_or("");
  if (up_to.find('/') != std::string::npos) up_to.clear();
  Session session{std::move(workspace),
                  load_builtin_pack(course::MutantLoading::ForCommandSteps, up_to),
                  std::move(store),
                  {}};
  session.added = need(packs::load_added_packs(session.workspace));
  return session;
}

}  // namespace

Session open_session() { return open_session_up_to(""); }

Session open_exercise_session(const std::string& exercise) {
  return open_session_up_to(exercise.empty() ? std::nullopt : std::optional(exercise));
}

Session open_reading_session() {
  if (workspace::find_root(std::filesystem::current_path())) return open_session();
  Session session{{}, load_builtin_pack(course::MutantLoading::ForCommandSteps), nullptr, {}};
  session.store = std::make_unique<progress::Store>(":memory:");
  session.in_workspace = false;
  return session;
}

std::string not_recorded_note() {
  return "Not in a roadwork workspace, so nothing is recorded. Start one to keep your progress: "
         "roadwork init my-backend --stack python";
}

InPack split_pack_prefix(const Session& session, const std::string& name) {
  const auto slash = name.find('/');
  if (slash != std::string::npos)
    for (const auto* pack : session.packs())
      if (pack->id == name.substr(0, slash)) return {pack, name.substr(slash + 1)};
  return {&session.pack, name};
}

std::set<std::string> Session::passed_exercises(const course::Pack& of) const {
  std::set<std::string> passed;
  for (const auto& summary : store->summaries(of.id))
    if (summary.passed) passed.insert(summary.exercise_id);
  return passed;
}

const course::Exercise* Session::current_exercise() const {
  const auto name = store->get_state(kCurrentExerciseKey);
  if (!name) return nullptr;
  // A plain id is the built-in pack's (see exercise_name), even when an added pack has one like it.
  if (name->find('/') == std::string::npos) return pack.find_exercise(*name);
  const auto matches = packs::find_exercises(packs(), *name);
  return matches.empty() ? nullptr : matches.front().exercise;
}

const course::Exercise& Session::exercise(const std::string& id) const {
  return *need(packs::resolve_exercise(packs(), id)).exercise;
}

const course::Pack& Session::pack_of(const course::Exercise& exercise) const {
  for (const auto* candidate : packs()) {
    if (std::any_of(candidate->exercises.begin(), candidate->exercises.end(),
                    [&](const auto& e) { return &e == &exercise; }))
      return *candidate;
  }
  return pack;
}

std::string Session::exercise_name(const course::Exercise& exercise) const {
  const auto& of = pack_of(exercise);
  return &of == &pack ? exercise.id : of.id + "/" + exercise.id;
}

std::vector<const course::Pack*> Session::packs() const {
  std::vector<const course::Pack*> all{&pack};
  for (const auto& other : added) all.push_back(&other);
  return all;
}

}  // namespace roadwork::cli
