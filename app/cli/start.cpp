// roadwork start EXERCISE: scaffolds or extends the exercise's project folder from its starter, records how
// to run it in roadwork.toml, and shows the task. A practice exercise (stage 1) has no project folder: start
// shows its task and names `roadwork practice`.

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/core/fatal.hpp"
#include "app/core/text_file.hpp"
#include "app/course/exercise_code.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace fs = std::filesystem;

namespace {

struct StartOptions {
  std::string exercise;
  bool force = false;
};

struct CopyResult {
  std::vector<std::string> created;
  std::vector<std::string> kept;
};

// Writes only files the project does not have yet: the learner's code is never overwritten, so starting the
// next exercise of a project extends it. A name the project already has, a link included, is kept, never
// written through.
CopyResult copy_missing(const course::FileTree& starter, const fs::path& to) {
  CopyResult result;
  course::FileTree missing;
  for (const auto& [name, file] : starter) {
    if (fs::exists(fs::symlink_status(to / name))) {
      result.kept.push_back(name);
    } else {
      missing.emplace(name, file);
      result.created.push_back(name);
    }
  }
  if (const auto error = course::write_file_tree(missing, to); !error.empty()) throw Fatal(error);
  return result;
}

// Where the starter's TODO comments are (exercises/README.md: Starters), so that a learner finds the task in
// one step; a file of the learner's own that was kept has none of them.
void print_todo_files(const course::Exercise& exercise, const std::string& stack, const std::string& dir,
                      const CopyResult& copied) {
  if (fs::is_directory(exercise.starter(stack))) return;  // a whole starter folder marks no regions
  const auto marked = course::exercise_code(exercise, stack, course::CodeVariant::Marked);
  if (!marked) return;
  std::vector<std::string> fresh, kept;
  for (const auto& file : course::todo_files(*marked)) {
    const bool was_kept = std::find(copied.kept.begin(), copied.kept.end(), file) != copied.kept.end();
    (was_kept ? kept : fresh).push_back(dir + "/" + file);
  }
  if (!fresh.empty()) fmt::print("\nThe TODO comments of this exercise are in {}.\n", fmt::join(fresh, ", "));
  if (!kept.empty())
    fmt::print(
        "Your own {} stayed as you left it, without the starter's TODOs: the task above says what to add.\n",
        fmt::join(kept, ", "));
}

int run_start(const StartOptions& options) {
  auto session = open_session();
  const auto& exercise = session.exercise(options.exercise);
  const auto passed = session.passed_exercises(session.pack_of(exercise));
  for (const auto& required : exercise.requires_) {
    if (passed.count(required) || options.force) continue;
    throw Fatal(
        fmt::format("{} builds on {}, which has not passed yet; finish it first (roadwork check {}), "
                    "or start anyway with --force",
                    exercise.id, required, required));
  }
  auto& ws = session.workspace;
  if (!exercise.needs_server()) {
    // A practice exercise (stage 1) has nothing to scaffold: the learner talks to roadwork's own server.
    session.store->set_state(kCurrentExerciseKey, session.exercise_name(exercise));
    fmt::print("{}\n\n", text::escape_controls(read_text_file(exercise.dir / "README.md").value_or("")));
    fmt::print(
        "This exercise has no project folder: you send requests with curl to roadwork's practice server.\n"
        "\nNext: run `roadwork practice {}`, and when its tasks are done, `roadwork check {}`.\n",
        exercise.id, exercise.id);
    return 0;
  }
  if (!fs::is_directory(exercise.starter(ws.stack)) && !course::has_code(exercise, ws.stack))
    throw Fatal(fmt::format("exercise {} has no {} starter yet", exercise.id, ws.stack));
  const auto starter = course::exercise_code(exercise, ws.stack, course::CodeVariant::Starter);
  if (!starter) throw Fatal({starter.error()});

  auto [project, is_new] = ws.projects.try_emplace(exercise.project);
  if (is_new) {
    const auto& stack = workspace::stacks().at(ws.stack);
    project->second = {exercise.project, stack.run, stack.test};
  }
  const auto project_dir = ws.root / project->second.dir;
  const auto copied = copy_missing(*starter, project_dir);
  if (auto failed = workspace::save(ws)) throw Fatal(std::move(*failed));
  session.store->set_state(kCurrentExerciseKey, session.exercise_name(exercise));

  fmt::print("{}\n\n", text::escape_controls(read_text_file(exercise.dir / "README.md").value_or("")));
  fmt::print("Project folder: {}/ (run with `{}`)\n", project->second.dir, project->second.run);
  for (const auto& file : copied.created) fmt::print("  created {}/{}\n", project->second.dir, file);
  for (const auto& file : copied.kept) fmt::print("  kept your {}/{}\n", project->second.dir, file);
  print_todo_files(exercise, ws.stack, project->second.dir, copied);
  // A Node.js starter's dependencies (package.json) are not installed yet: the first check would fail on
  // "Cannot find module".
  const bool needs_install =
      fs::is_regular_file(project_dir / "package.json") && !fs::exists(project_dir / "node_modules");
  if (needs_install)
    fmt::print("\nNext: run `npm install` in {}/, edit your server there, then run `roadwork check`.\n",
               project->second.dir);
  else
    fmt::print("\nNext: edit your server in {}/, then run `roadwork check`.\n", project->second.dir);
  return 0;
}

}  // namespace

void setup_start(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<StartOptions>();
  auto* command = app.add_subcommand("start", "Set up an exercise in your project folder and show the task");
  command->add_option("EXERCISE", options->exercise, "Exercise id, e.g. hello-server")->required();
  command->add_flag("--force", options->force, "Start even if the exercises it builds on have not passed");
  command->callback([options, &exit_code] { exit_code = run_start(*options); });
}

}  // namespace roadwork::cli
