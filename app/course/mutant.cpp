#include "app/course/mutant.hpp"

#include <algorithm>
#include <set>

#include "app/course/names.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_at(const hurl::SourceLocation& where, const std::string& message) {
  throw LoadError(where, message);
}

// A path inside solution/<stack>/: relative, and never climbing out of it.
bool stays_inside(const fs::path& path) {
  if (path.empty() || path.is_absolute()) return false;
  return std::none_of(path.begin(), path.end(), [](const fs::path& part) { return part == ".."; });
}

MutantEdit load_edit(const TomlFields& fields) {
  fields.reject_unknown_keys({"stack", "file", "find", "replace"},
                             "[[edit]] (it takes stack, file, find, replace)");
  MutantEdit edit;
  edit.stack = fields.required_string("stack");
  edit.file = fields.required_string("file");
  if (!stays_inside(edit.file))
    fields.fail("file", "`file` must be a path inside solution/" + edit.stack + "/, such as \"server.py\"");
  edit.find = fields.required_string("find");
  if (!fields.table().contains("replace")) fields.fail("replace", "missing required key `replace`");
  edit.replace = fields.optional_string("replace").value_or("");
  edit.find_location = fields.location("find");
  return edit;
}

Mutant load_mutant(const fs::path& path, const std::vector<Step>& steps, const std::vector<Rule>& rules) {
  const auto table = parse_toml_file(path);
  const TomlFields fields(table, path.string());
  fields.reject_unknown_keys({"rule", "fails", "why", "edit"},
                             "a mutant (it takes rule, fails, why, [[edit]])");
  Mutant mutant;
  mutant.name = path.stem().string();
  mutant.file = path;
  if (!is_kebab_case(mutant.name))
    fail_at({path.string(), 1, 1},
            "the mutant's file name \"" + mutant.name + "\" must be kebab-case (it names the bug)");
  mutant.rule = fields.required_string("rule");
  if (std::none_of(rules.begin(), rules.end(), [&](const Rule& rule) { return rule.id == mutant.rule; }))
    fields.fail("rule", "`rule` \"" + mutant.rule + "\" is not the id of a [[rules]] entry of exercise.toml");
  mutant.fails = fields.required_string("fails");
  if (std::none_of(steps.begin(), steps.end(), [&](const Step& step) { return step.name == mutant.fails; }))
    fields.fail("fails", "`fails` must be the name of a step of this exercise");
  mutant.why = fields.required_string("why");
  const auto edits = fields.table_array("edit");
  if (edits.empty()) fields.fail("edit", "a mutant needs at least one [[edit]] of the reference solution");
  for (const auto& edit : edits) mutant.edits.push_back(load_edit(edit));
  return mutant;
}

std::size_t occurrences(const std::string& text, const std::string& find) {
  std::size_t count = 0;
  for (auto at = text.find(find); at != std::string::npos; at = text.find(find, at + 1)) ++count;
  return count;
}

}  // namespace

std::vector<std::string> Mutant::stacks() const {
  std::set<std::string> names;
  for (const auto& edit : edits) names.insert(edit.stack);
  return {names.begin(), names.end()};
}

bool Mutant::edits_stack(std::string_view stack) const {
  return std::any_of(edits.begin(), edits.end(), [&](const MutantEdit& edit) { return edit.stack == stack; });
}

std::vector<Mutant> load_mutants(const TomlFields& exercise, const fs::path& dir,
                                 const std::vector<Step>& steps, const std::vector<Rule>& rules) {
  std::vector<Mutant> mutants;
  std::error_code error;
  if (!fs::is_directory(dir / "mutants", error)) return mutants;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir / "mutants")) {
    if (entry.is_directory()) {
      // exercise.toml has no `mutants` key: the error points at the file's start, where the exercise begins.
      exercise.report("mutants",
                      "mutants/" + entry.path().filename().string() +
                          "/ is a whole-copy mutant folder; write the bug as edits of the reference "
                          "solution in mutants/" +
                          entry.path().filename().string() + ".toml");
    } else if (entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files)
    exercise.attempt([&] { mutants.push_back(load_mutant(path, steps, rules)); });
  return mutants;
}

Expected<std::map<std::string, std::string>> edited_files(const FileTree& solution, const Mutant& mutant,
                                                          const std::string& stack) {
  const auto problem = [](const hurl::SourceLocation& where, std::string message) {
    return Diagnostic{where.file, where.line, where.column, std::move(message), ""};
  };
  std::map<std::string, std::string> files;
  for (const auto& edit : mutant.edits) {
    if (edit.stack != stack) continue;
    auto [text, added] = files.try_emplace(edit.file);
    if (added) {
      const auto found = solution.find(fs::path(edit.file).lexically_normal().generic_string());
      if (found == solution.end())
        return problem(edit.find_location, "the " + stack + " solution has no file " + edit.file);
      text->second = found->second.text;
    }
    const auto count = occurrences(text->second, edit.find);
    if (count != 1)
      return problem(edit.find_location, "find occurs " + std::to_string(count) + " times in " + edit.file +
                                             " (it must occur exactly once)");
    text->second.replace(text->second.find(edit.find), edit.find.size(), edit.replace);
  }
  return files;
}

std::optional<Diagnostic> apply_mutant(const Mutant& mutant, const std::string& stack, FileTree& solution) {
  auto files = edited_files(solution, mutant, stack);
  if (!files) return files.error();
  for (auto& [file, text] : *files)
    solution[fs::path(file).lexically_normal().generic_string()].text = std::move(text);
  return std::nullopt;
}

}  // namespace roadwork::course
