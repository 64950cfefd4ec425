#include "app/course/pack.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "app/core/fatal.hpp"
#include "app/course/env_load.hpp"
#include "app/course/step_load.hpp"
#include "app/course/toml_fields.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

namespace {

Stage load_stage(const TomlFields& fields) {
  fields.reject_unknown_keys({"id", "title", "goal", "lessons", "quiz", "exercises"}, "[[stages]]");
  return Stage{fields.required_string("id"),
               fields.required_string("title"),
               fields.optional_string("goal").value_or(""),
               fields.string_array("lessons"),
               fields.optional_string("quiz"),
               fields.string_array("exercises")};
}

// mutants/<name>/mutant.toml of every mutant folder, by name; `fails` must name one of `steps`. Each is read
// on its own (`exercise.attempt`), so that a collecting load reports every broken one.
std::vector<Mutant> load_mutants(const TomlFields& exercise, const fs::path& dir,
                                 const std::vector<Step>& steps) {
  std::vector<Mutant> mutants;
  std::error_code error;
  if (!fs::is_directory(dir / "mutants", error)) return mutants;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(dir / "mutants"))
    if (entry.is_directory()) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    const auto path = folder / "mutant.toml";
    // exercise.toml has no `mutants` key: the error points at the file's start, where the exercise begins.
    if (!fs::is_regular_file(path, error)) {
      exercise.report("mutants", "mutants/" + folder.filename().string() +
                                     "/ has no mutant.toml (`fails`: the step it must fail, `why`: its bug)");
      continue;
    }
    exercise.attempt([&] {
      const auto table = parse_toml_file(path);
      const TomlFields fields(table, path.string());
      fields.reject_unknown_keys({"fails", "why"}, "mutant.toml");
      Mutant mutant{folder.filename().string(), folder, fields.required_string("fails"),
                    fields.required_string("why")};
      const auto named = [&](const auto& step) { return step.name == mutant.fails; };
      if (std::none_of(steps.begin(), steps.end(), named))
        fields.fail("fails", "`fails` must be the name of a step of this exercise");
      mutants.push_back(std::move(mutant));
    });
  }
  return mutants;
}

// Each exercise's environment over those of the earlier exercises of its project, in roadmap order.
void inherit_env(std::vector<Exercise>& exercises) {
  std::map<std::string, std::map<std::string, std::string>> by_project;
  for (auto& exercise : exercises) {
    auto& inherited = by_project[exercise.project];
    exercise.env.merge(std::map(inherited));  // keeps the exercise's own value of a name
    inherited = exercise.env;
  }
}

// A command step that starts the reference solution or the mutants needs them in the exercise folder.
void check_command_targets(const std::vector<TomlFields>& step_fields, const Exercise& exercise) {
  for (std::size_t i = 0; i < exercise.steps.size(); ++i) {
    const auto* command = std::get_if<CommandStep>(&exercise.steps[i].spec);
    if (!command || command->against == CommandStep::Against::Learner) continue;
    if (!fs::is_directory(exercise.solution("python")))
      step_fields[i].fail("against",
                          "this step starts the reference solution, but there is no solution/python/");
    if (command->against == CommandStep::Against::Mutants && exercise.mutants.empty())
      step_fields[i].fail("against", "against = \"mutants\" needs at least one mutants/<name>/ folder");
  }
}

// Reads exercise.toml, whose parsed table is `fields`. With an error list (see TomlFields), a field that is
// wrong is recorded and read as absent, and a step or mutant that is wrong is left out.
Exercise read_exercise(const TomlFields& fields, const fs::path& dir) {
  fields.reject_unknown_keys({"id", "title", "stage", "project", "requires", "startup_timeout", "time_limit",
                              "hints", "env", "steps"},
                             "exercise.toml");
  Exercise exercise;
  exercise.dir = dir;
  exercise.id = fields.required_string("id");
  if (!exercise.id.empty() && exercise.id != dir.filename().string())
    fields.report(
        "id", "id \"" + exercise.id + "\" must match the folder name \"" + dir.filename().string() + "\"");
  exercise.title = fields.required_string("title");
  exercise.stage = fields.required_string("stage");
  exercise.project = fields.required_string("project");
  exercise.requires_ = fields.string_array("requires");
  exercise.startup_timeout = fields.duration("startup_timeout", exercise.startup_timeout);
  exercise.time_limit = fields.duration("time_limit", exercise.time_limit);
  exercise.hints = fields.string_array("hints");
  fields.attempt([&] { exercise.env = load_env(fields); });
  const auto step_fields = fields.table_array("steps");
  bool all_steps = true;
  for (const auto& step : step_fields)
    all_steps = fields.attempt([&] { exercise.steps.push_back(load_step(step, dir)); }) && all_steps;
  if (step_fields.empty() && !fields.table().contains("steps"))
    fields.report("id", "exercise \"" + exercise.id + "\" has no [[steps]]");
  exercise.mutants = load_mutants(fields, dir, exercise.steps);
  // step_fields[i] describes exercise.steps[i] only when every step loaded.
  if (all_steps) fields.attempt([&] { check_command_targets(step_fields, exercise); });
  return exercise;
}

// Reads roadmap.toml and the exercises it lists; the collecting load_pack when `errors` is set.
Pack read_pack(const fs::path& root, FileErrors* errors) {
  const auto path = root / "lessons" / "roadmap.toml";
  if (!fs::is_regular_file(path))
    throw Fatal(root.string() + ": not a pack (there is no lessons/roadmap.toml)");
  Pack pack;
  pack.root = root;
  toml::table table;
  if (!read_part(errors, [&] { table = parse_toml_file(path); })) return pack;
  const TomlFields fields(table, path.string(), errors);
  fields.reject_unknown_keys({"pack", "stages"}, "roadmap.toml");
  if (const auto* pack_table = table["pack"].as_table()) {
    const TomlFields pack_fields(*pack_table, path.string(), errors);
    pack_fields.reject_unknown_keys({"id", "title", "version"}, "[pack]");
    pack.id = pack_fields.required_string("id");
    pack.title = pack_fields.required_string("title");
    pack.version = pack_fields.required_string("version");
  } else {
    fields.report("pack", "missing the [pack] table (id, title, version)");
  }
  std::set<std::string> seen;
  for (const auto& strict_stage : fields.table_array("stages")) {
    const TomlFields stage_fields(strict_stage.table(), path.string(), errors);
    pack.stages.push_back(load_stage(stage_fields));
    for (const auto& id : pack.stages.back().exercises) {
      if (!seen.insert(id).second) {
        stage_fields.report("exercises", "exercise \"" + id + "\" is listed twice");
        continue;
      }
      const auto dir = root / "exercises" / id;
      if (!fs::is_directory(dir)) continue;
      if (!fs::is_regular_file(dir / "exercise.toml")) {
        stage_fields.report("exercises", "exercises/" + id + "/ has no exercise.toml");
        continue;
      }
      stage_fields.attempt([&] {
        const auto exercise_path = dir / "exercise.toml";
        const auto exercise_table = parse_toml_file(exercise_path);
        const TomlFields exercise_fields(exercise_table, exercise_path.string(), errors);
        pack.exercises.push_back(read_exercise(exercise_fields, dir));
      });
    }
  }
  inherit_env(pack.exercises);
  return pack;
}

}  // namespace

Exercise load_exercise(const fs::path& dir) {
  const auto path = dir / "exercise.toml";
  const auto table = parse_toml_file(path);
  return read_exercise(TomlFields(table, path.string()), dir);
}

Pack load_pack(const fs::path& root) { return read_pack(root, nullptr); }

Pack load_pack(const fs::path& root, FileErrors& errors) { return read_pack(root, &errors); }

bool Exercise::needs_server() const {
  return std::any_of(steps.begin(), steps.end(),
                     [](const Step& step) { return !std::holds_alternative<PracticeStep>(step.spec); });
}

const Exercise* Pack::find_exercise(const std::string& id) const {
  const auto it = std::find_if(exercises.begin(), exercises.end(), [&](const auto& e) { return e.id == id; });
  return it == exercises.end() ? nullptr : &*it;
}

std::vector<const Exercise*> Pack::earlier_in_project(const Exercise& exercise) const {
  std::vector<const Exercise*> earlier;
  for (const auto& candidate : exercises) {
    if (candidate.id == exercise.id) break;
    if (candidate.project == exercise.project) earlier.push_back(&candidate);
  }
  return earlier;
}

fs::path builtin_pack_dir() {
  if (const char* dir = std::getenv("ROADWORK_PACK_DIR"); dir && *dir) return dir;
  std::error_code error;
  const auto exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = exe.parent_path().parent_path() / "share" / "roadwork" / "backend";
    if (fs::is_directory(installed / "lessons")) return installed;
  }
  return ROADWORK_BUILTIN_PACK;
}

}  // namespace roadwork::course
