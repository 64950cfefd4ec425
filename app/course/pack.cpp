#include "app/course/pack.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "app/core/fatal.hpp"
#include "app/course/toml_fields.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

namespace {

Stage load_stage(const TomlFields& fields) {
  fields.reject_unknown_keys({"id", "title", "goal", "lessons", "quiz", "exercises"}, "[[stages]]");
  return Stage{fields.required_string("id"), fields.required_string("title"),
               fields.optional_string("goal").value_or(""), fields.string_array("lessons"),
               fields.optional_string("quiz"), fields.string_array("exercises")};
}

Step load_step(const TomlFields& fields, const fs::path& dir) {
  fields.reject_unknown_keys({"name", "hurl"}, "[[steps]]");
  Step step;
  step.name = fields.required_string("name");
  const auto hurl = fields.optional_string("hurl");
  if (!hurl) fields.fail("name", "step \"" + step.name + "\" has no kind: add `hurl = \"checks/….hurl\"`");
  step.kind = "hurl";
  step.file = dir / *hurl;
  if (!fs::is_regular_file(step.file)) fields.fail("hurl", "no such check file: " + step.file.string());
  return step;
}

}  // namespace

Exercise load_exercise(const fs::path& dir) {
  const auto path = dir / "exercise.toml";
  const auto table = parse_toml_file(path);
  const TomlFields fields(table, path.string());
  fields.reject_unknown_keys({"id", "title", "stage", "project", "requires", "startup_timeout", "time_limit",
                              "hints", "steps"},
                             "exercise.toml");
  Exercise exercise;
  exercise.dir = dir;
  exercise.id = fields.required_string("id");
  if (exercise.id != dir.filename().string())
    fields.fail("id", "id \"" + exercise.id + "\" must match the folder name \"" + dir.filename().string() + "\"");
  exercise.title = fields.required_string("title");
  exercise.stage = fields.required_string("stage");
  exercise.project = fields.required_string("project");
  exercise.requires_ = fields.string_array("requires");
  exercise.startup_timeout = fields.duration("startup_timeout", exercise.startup_timeout);
  exercise.time_limit = fields.duration("time_limit", exercise.time_limit);
  exercise.hints = fields.string_array("hints");
  for (const auto& step : fields.table_array("steps")) exercise.steps.push_back(load_step(step, dir));
  if (exercise.steps.empty()) fields.fail("id", "exercise \"" + exercise.id + "\" has no [[steps]]");
  return exercise;
}

Pack load_pack(const fs::path& root) {
  const auto path = root / "lessons" / "roadmap.toml";
  if (!fs::is_regular_file(path))
    throw Fatal(root.string() + ": not a pack (there is no lessons/roadmap.toml)");
  const auto table = parse_toml_file(path);
  const TomlFields fields(table, path.string());
  fields.reject_unknown_keys({"pack", "stages"}, "roadmap.toml");
  const auto* pack_table = table["pack"].as_table();
  if (!pack_table) fields.fail("pack", "missing the [pack] table (id, title, version)");
  const TomlFields pack_fields(*pack_table, path.string());
  pack_fields.reject_unknown_keys({"id", "title", "version"}, "[pack]");

  Pack pack;
  pack.root = root;
  pack.id = pack_fields.required_string("id");
  pack.title = pack_fields.required_string("title");
  pack.version = pack_fields.required_string("version");
  std::set<std::string> seen;
  for (const auto& stage_fields : fields.table_array("stages")) {
    pack.stages.push_back(load_stage(stage_fields));
    for (const auto& id : pack.stages.back().exercises) {
      if (!seen.insert(id).second) stage_fields.fail("exercises", "exercise \"" + id + "\" is listed twice");
      const auto dir = root / "exercises" / id;
      if (fs::is_directory(dir)) pack.exercises.push_back(load_exercise(dir));
    }
  }
  return pack;
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
