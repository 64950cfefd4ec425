#include "app/course/pack.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "app/course/env_load.hpp"
#include "app/course/exercise_code.hpp"
#include "app/course/mutant.hpp"
#include "app/course/names.hpp"
#include "app/course/step_load.hpp"
#include "app/course/toml_fields.hpp"
#include "checker/run/url.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

namespace {

// `origins`: each `http://` or `https://` and an authority alone (host, optional port), no user, path or
// template, so that a check's URL is allowed by its literal start; printable ASCII only (an IDN host in its
// `xn--` form), so `pack add` can show it as it is; a host and port the runner accepts (run::parse_url).
std::vector<std::string> load_origins(const TomlFields& fields) {
  auto origins = fields.string_array("origins");
  for (const auto& origin : origins) {
    const auto authority = origin.starts_with("https://")  ? origin.substr(8)
                           : origin.starts_with("http://") ? origin.substr(7)
                                                           : std::string();
    const bool plain = !authority.empty() && std::none_of(authority.begin(), authority.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return c == '/' || c == '?' || c == '#' || c == '@' || c == '{' || c == '}' || byte <= 0x20 ||
             byte >= 0x7f;
    });
    if (!plain || !run::parse_url(origin).ok())
      fields.report("origins", "\"" + origin +
                                   "\" is not an origin: write scheme://host[:port], as "
                                   "\"http://127.0.0.1:9090\"");
  }
  return origins;
}

Stage load_stage(const TomlFields& fields) {
  fields.reject_unknown_keys({"id", "title", "goal", "lessons", "quiz", "exercises"}, "[[stages]]");
  return Stage{fields.required_string("id"),
               fields.required_string("title"),
               fields.optional_string("goal").value_or(""),
               fields.string_array("lessons"),
               fields.optional_string("quiz"),
               fields.string_array("exercises")};
}

// `[[rules]]`: each rule's id is kebab-case and unique, and its `steps` name steps of the exercise.
std::vector<Rule> load_rules(const TomlFields& fields, const std::vector<Step>& steps) {
  std::vector<Rule> rules;
  for (const auto& table : fields.table_array("rules")) {
    fields.attempt([&] {
      table.reject_unknown_keys({"id", "rule", "steps", "hint"},
                                "[[rules]] (it takes id, rule, steps, hint)");
      Rule rule{table.required_string("id"),
                table.required_string("rule"),
                table.string_array("steps"),
                table.optional_string("hint").value_or(""),
                {}};
      rule.location = table.location("id");
      if (!is_kebab_case(rule.id)) table.fail("id", "rule id \"" + rule.id + "\" must be kebab-case");
      // The sentence and hint reach the learner's terminal as they are: no escape sequences in them.
      for (const auto& [key, text] : {std::pair("rule", &rule.rule), std::pair("hint", &rule.hint)}) {
        if (std::any_of(text->begin(), text->end(),
                        [](char c) { return std::iscntrl(static_cast<unsigned char>(c)); }))
          table.fail(key, "`" + std::string(key) + "` must be one line without control characters");
      }
      const auto same = [&](const Rule& other) { return other.id == rule.id; };
      if (const auto first = std::find_if(rules.begin(), rules.end(), same); first != rules.end())
        table.fail("id", "rule id \"" + rule.id + "\" is used twice (first at line " +
                             std::to_string(first->location.line) + ")");
      if (rule.steps.empty())
        table.fail("steps", "a rule needs `steps`: the names of the steps that check it");
      for (const auto& name : rule.steps) {
        if (std::none_of(steps.begin(), steps.end(), [&](const Step& step) { return step.name == name; }))
          table.fail("steps", "`steps` names \"" + name + "\", which is no step of this exercise");
      }
      rules.push_back(std::move(rule));
    });
  }
  return rules;
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
    if (!has_code(exercise, "python"))
      step_fields[i].fail("against",
                          "this step starts the reference solution, but there is no python solution "
                          "(solution/python/, or solution/python.patch on the code of builds_on)");
    if (command->against == CommandStep::Against::Mutants && exercise.mutants.empty())
      step_fields[i].fail("against", "against = \"mutants\" needs at least one mutants/<name>.toml");
  }
}

// `exercise`'s lineage: that of `builds_on`, an exercise of the same project read before it (earlier in
// roadmap order), then its own folder.
std::vector<fs::path> lineage(const Pack& pack, const Exercise& exercise, const TomlFields& fields) {
  if (exercise.builds_on.empty()) return {exercise.dir};
  const auto* base = pack.find_exercise(exercise.builds_on);
  if (!base || base->project != exercise.project) {
    fields.report("builds_on", "builds_on \"" + exercise.builds_on +
                                   "\" must name an exercise of project \"" + exercise.project +
                                   "\" that comes before this one in roadmap.toml");
    return {exercise.dir};
  }
  auto dirs = base->lineage;
  dirs.push_back(exercise.dir);
  return dirs;
}

// Reads exercise.toml, whose parsed table is `fields`. With an error list (see TomlFields), a field that is
// wrong is recorded and read as absent, and a step or mutant that is wrong is left out. `pack` holds the
// exercises read before it, where `builds_on` is looked up (none: the exercise's code stands alone);
// `mutants` says whether its mutants are read.
Exercise read_exercise(const TomlFields& fields, const fs::path& dir, const Pack* pack,
                       MutantLoading mutants) {
  fields.reject_unknown_keys({"id", "title", "stage", "project", "requires", "builds_on", "startup_timeout",
                              "time_limit", "hints", "env", "origins", "steps", "rules"},
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
  exercise.builds_on = fields.optional_string("builds_on").value_or("");
  exercise.lineage = pack ? lineage(*pack, exercise, fields) : std::vector<fs::path>{dir};
  exercise.startup_timeout = fields.duration("startup_timeout", exercise.startup_timeout);
  exercise.time_limit = fields.duration("time_limit", exercise.time_limit);
  exercise.hints = fields.string_array("hints");
  exercise.origins = load_origins(fields);
  fields.attempt([&] { exercise.env = load_env(fields); });
  const auto step_fields = fields.table_array("steps");
  bool all_steps = true;
  for (const auto& step : step_fields)
    all_steps = fields.attempt([&] { exercise.steps.push_back(load_step(step, dir)); }) && all_steps;
  if (step_fields.empty() && !fields.table().contains("steps"))
    fields.report("id", "exercise \"" + exercise.id + "\" has no [[steps]]");
  // A rule's steps and a mutant's step are looked up among the steps, and step_fields[i] describes
  // exercise.steps[i]: only when every step loaded.
  if (all_steps) {
    exercise.rules = load_rules(fields, exercise.steps);
    const bool runs_mutants = std::any_of(exercise.steps.begin(), exercise.steps.end(), [](const Step& step) {
      const auto* command = std::get_if<CommandStep>(&step.spec);
      return command && command->against == CommandStep::Against::Mutants;
    });
    if (mutants == MutantLoading::All || runs_mutants)
      exercise.mutants = load_mutants(fields, dir, exercise.steps, exercise.rules);
    fields.attempt([&] { check_command_targets(step_fields, exercise); });
  }
  return exercise;
}

// Reads roadmap.toml and the exercises it lists, up to `last` (load_pack); the collecting load_pack when
// `errors` is set.
Pack read_pack(const fs::path& root, FileErrors* errors, MutantLoading mutants, std::string_view last = {}) {
  const auto path = root / "lessons" / "roadmap.toml";
  if (!fs::is_regular_file(path))
    throw LoadError({Diagnostic{root.string(), 0, 0, "not a pack (there is no lessons/roadmap.toml)", ""}});
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
  bool read_last = false;
  for (const auto& strict_stage : fields.table_array("stages")) {
    const TomlFields stage_fields(strict_stage.table(), path.string(), errors);
    pack.stages.push_back(load_stage(stage_fields));
    for (const auto& id : pack.stages.back().exercises) {
      if (!seen.insert(id).second) {
        stage_fields.report("exercises", "exercise \"" + id + "\" is listed twice");
        continue;
      }
      if (read_last) continue;
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
        pack.exercises.push_back(read_exercise(exercise_fields, dir, &pack, mutants));
        read_last = id == last;
      });
    }
  }
  inherit_env(pack.exercises);
  return pack;
}

}  // namespace

Expected<Exercise, std::vector<Diagnostic>> load_exercise(const fs::path& dir) {
  return catch_load_error([&] {
    const auto path = dir / "exercise.toml";
    const auto table = parse_toml_file(path);
    return read_exercise(TomlFields(table, path.string()), dir, nullptr, MutantLoading::All);
  });
}

Expected<Pack, std::vector<Diagnostic>> load_pack(const fs::path& root, MutantLoading mutants,
                                                  std::string_view last) {
  return catch_load_error([&] { return read_pack(root, nullptr, mutants, last); });
}

Expected<Pack, std::vector<Diagnostic>> load_pack(const fs::path& root, FileErrors& errors) {
  return catch_load_error([&] { return read_pack(root, &errors, MutantLoading::All); });
}

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

Expected<fs::path> builtin_pack_dir() {
  if (const char* dir = std::getenv("ROADWORK_PACK_DIR"); dir && *dir) return fs::path(dir);
  std::error_code error;
  const auto exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return unplaced("cannot find the built-in pack: /proc/self/exe: " + error.message());
  // Only the binary of the build tree reads the source tree, so an installed roadwork never depends on a
  // checkout that may be gone (README.md: Installing).
  if (exe.parent_path() == fs::path(ROADWORK_BUILD_DIR)) return fs::path(ROADWORK_SOURCE_DIR);
  const auto installed = exe.parent_path().parent_path() / "share" / "roadwork" / "backend";
  if (!fs::is_directory(installed / "lessons"))
    return unplaced("cannot find the built-in pack: " + installed.string() +
                    " is missing (reinstall roadwork, or set ROADWORK_PACK_DIR to a pack folder)");
  return installed;
}

}  // namespace roadwork::course
