#include "app/course/exercise_code.hpp"

#include <set>

#include "app/core/text_file.hpp"
#include "app/course/pack.hpp"
#include "app/course/unified_diff.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

namespace {

fs::path patch_path(const fs::path& dir, const std::string& stack) {
  return dir / "solution" / (stack + ".patch");
}

// The index in `lineage` of the exercise whose solution folder the code starts from, or nullopt when a step
// of the way has neither a folder nor a patch for `stack`.
std::optional<std::size_t> code_start(const std::vector<fs::path>& lineage, const std::string& stack) {
  for (auto i = lineage.size(); i-- > 0;) {
    if (fs::is_directory(lineage[i] / "solution" / stack)) return i;
    if (!fs::is_regular_file(patch_path(lineage[i], stack))) return std::nullopt;
  }
  return std::nullopt;
}

std::vector<fs::path> lineage_of(const Exercise& exercise) {
  return exercise.lineage.empty() ? std::vector<fs::path>{exercise.dir} : exercise.lineage;
}

}  // namespace

bool has_code(const Exercise& exercise, const std::string& stack) {
  return code_start(lineage_of(exercise), stack).has_value();
}

std::vector<std::string> code_stacks(const Exercise& exercise) {
  std::set<std::string> stacks;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(exercise.dir / "solution", error)) {
    const auto& path = entry.path();
    const auto name = entry.is_directory()           ? path.filename().string()
                      : path.extension() == ".patch" ? path.stem().string()
                                                     : std::string();
    if (!name.empty() && has_code(exercise, name)) stacks.insert(name);
  }
  return {stacks.begin(), stacks.end()};
}

bool solution_is_a_change(const Exercise& exercise, const std::string& stack) {
  return has_code(exercise, stack) && !fs::is_directory(exercise.dir / "solution" / stack) &&
         fs::is_regular_file(patch_path(exercise.dir, stack));
}

Expected<std::optional<std::string>> solution_change(const Exercise& exercise, const std::string& stack) {
  if (!solution_is_a_change(exercise, stack)) return std::optional<std::string>();
  const auto path = patch_path(exercise.dir, stack);
  const auto patch = read_text_file(path);
  if (!patch) return Diagnostic{path.string(), 0, 0, "cannot read this file", ""};
  auto change = drop_added_lines(*patch, path.string(), StarterLines());
  if (!change) return change.error();
  return std::optional(std::move(*change));
}

Expected<FileTree> exercise_code(const Exercise& exercise, const std::string& stack, CodeVariant variant) {
  if (variant == CodeVariant::Starter && fs::is_directory(exercise.starter(stack)))
    return read_file_tree(exercise.starter(stack));
  const auto lineage = lineage_of(exercise);
  const auto start = code_start(lineage, stack);
  if (!start)
    return Diagnostic{(exercise.dir / "solution").string(), 0, 0, "there is no " + stack + " solution", ""};
  auto marked = read_file_tree(lineage[*start] / "solution" / stack);
  if (!marked) return marked;
  auto origin = (lineage[*start] / "solution" / stack).string() + "/";
  for (auto i = *start + 1; i < lineage.size(); ++i) {
    auto tree = code_variant(*marked, CodeVariant::Solution, origin);
    if (!tree) return tree;
    const auto path = patch_path(lineage[i], stack);
    const auto patch = read_text_file(path);
    if (!patch) return Diagnostic{path.string(), 0, 0, "cannot read this file", ""};
    if (auto error = apply_unified_diff(*patch, path.string(), *tree)) return *error;
    marked = std::move(tree);
    origin = path.string() + ": ";
  }
  return variant == CodeVariant::Marked ? marked : code_variant(*marked, variant, origin);
}

}  // namespace roadwork::course
