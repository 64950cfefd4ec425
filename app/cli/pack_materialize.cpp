// roadwork pack materialize OUT [--pack DIR] [--exercise ID] [--stack NAME]: writes each exercise's code as
// full trees (exercises/README.md: Exercise code), for an author to read, run and diff.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>

#include "app/cli/need.hpp"
#include "app/cli/pack_commands.hpp"
#include "app/core/fatal.hpp"
#include "app/course/exercise_code.hpp"
#include "app/course/pack.hpp"

namespace roadwork::cli {

namespace {

namespace fs = std::filesystem;

struct MaterializeOptions {
  std::string out;
  std::string pack;
  std::optional<std::string> exercise;
  std::optional<std::string> stack;
};

constexpr std::pair<course::CodeVariant, const char*> kVariants[] = {
    {course::CodeVariant::Solution, "solution"},
    {course::CodeVariant::Starter, "starter"},
    {course::CodeVariant::Marked, "marked"},
};

int run_materialize(const MaterializeOptions& options) {
  const auto root = options.pack.empty() ? need(course::builtin_pack_dir()) : fs::path(options.pack);
  const auto pack = need(course::load_pack(root));
  if (options.exercise && !pack.find_exercise(*options.exercise))
    throw Fatal("--exercise: the pack " + pack.id + " has no exercise \"" + *options.exercise + "\"");
  const fs::path out(options.out);
  std::error_code error;
  if (fs::exists(out, error) && !fs::is_empty(out, error))
    throw Fatal(options.out + " is not empty: materialize writes into a new or empty folder");
  int trees = 0;
  for (const auto& exercise : pack.exercises) {
    if (options.exercise && exercise.id != *options.exercise) continue;
    for (const auto& stack : course::code_stacks(exercise)) {
      if (options.stack && stack != *options.stack) continue;
      for (const auto& [variant, name] : kVariants) {
        const auto files = course::exercise_code(exercise, stack, variant);
        if (!files) throw Fatal(files.error());
        const auto dir = out / exercise.id / stack / name;
        if (const auto problem = course::write_file_tree(*files, dir); !problem.empty()) throw Fatal(problem);
        ++trees;
      }
      fmt::print("  {}/{}/{{solution,starter,marked}}\n", exercise.id, stack);
    }
  }
  if (trees == 0) throw Fatal("nothing to write: no exercise of the pack " + pack.id + " has code for that");
  fmt::print("Wrote {} trees into {}\n", trees, options.out);
  return 0;
}

}  // namespace

void setup_pack_materialize(CLI::App& pack, int& exit_code) {
  auto options = std::make_shared<MaterializeOptions>();
  auto* command = pack.add_subcommand("materialize",
                                      "Write each exercise's solution, starter and marked source as full "
                                      "folders: OUT/<exercise>/<stack>/...");
  command->add_option("OUT", options->out, "Folder to write into (must not exist, or be empty)")->required();
  command->add_option("--pack", options->pack, "The pack's folder (default: the built-in pack)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--exercise", options->exercise, "Only this exercise");
  command->add_option("--stack", options->stack, "Only this stack");
  command->callback([options, &exit_code] { exit_code = run_materialize(*options); });
}

}  // namespace roadwork::cli
