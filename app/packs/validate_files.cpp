#include "app/packs/validate_files.hpp"

#include <map>

#include "app/course/toml_fields.hpp"
#include "app/packs/check_file_checks.hpp"
#include "app/packs/content_checks.hpp"
#include "app/packs/exercise_checks.hpp"
#include "app/packs/requires_cycles.hpp"
#include "app/packs/roadmap_checks.hpp"
#include "app/packs/rule_checks.hpp"
#include "app/packs/toml_doc.hpp"

namespace roadwork::packs {

Expected<FileValidation, std::vector<Diagnostic>> validate_files(const std::filesystem::path& root) {
  FileValidation result;
  course::FileErrors errors;
  auto pack = course::load_pack(root, errors);
  if (!pack) return pack.error();
  result.pack = std::move(*pack);
  auto& problems = result.problems;
  for (auto& error : errors) problems.located_error(std::move(error));

  if (const auto roadmap = read_toml_doc(root / "lessons" / "roadmap.toml")) {
    check_roadmap(root, *roadmap, problems);
    check_stage_content(root, *roadmap, problems);
  }
  std::map<std::string, TomlDoc> docs;
  for (const auto& exercise : result.pack.exercises) {
    auto doc = read_toml_doc(exercise.dir / "exercise.toml");
    if (!doc) continue;  // it was read moments ago; only a file changed meanwhile gets here
    check_exercise(result.pack, exercise, *doc, problems);
    check_hurl_files(exercise, problems);
    check_rules(exercise, problems);
    docs.emplace(exercise.id, std::move(*doc));
  }
  if (docs.size() == result.pack.exercises.size()) check_requires_cycles(result.pack, docs, problems);
  if (problems.count(Severity::Error) == 0) check_run_plans(result.pack, problems);
  problems.sort_by_place();
  return result;
}

}  // namespace roadwork::packs
