#pragma once
// A pack: lessons/roadmap.toml, lessons/ and exercises/ (README.md: Packs). Loading checks the files'
// shape and returns the first problem as `file:line:col: error: …`.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/diagnostic.hpp"
#include "app/core/expected.hpp"
#include "app/course/step.hpp"

namespace roadwork::course {

/// One [[stages]] table of roadmap.toml. Paths are relative to the pack's lessons/ folder.
struct Stage {
  std::string id;
  std::string title;
  std::string goal;
  std::vector<std::string> lessons;
  std::optional<std::string> quiz;
  std::vector<std::string> exercises;  ///< ids, in the order the learner meets them
};

/// An exercise folder's exercise.toml (exercises/README.md: exercise.toml).
struct Exercise {
  std::filesystem::path dir;
  std::string id;
  std::string title;
  std::string stage;
  std::string project;
  std::vector<std::string> requires_;
  /// `builds_on`: the earlier exercise of the same project whose solution this one's solution/<stack>.patch
  /// changes (exercises/README.md: Exercise code); empty for an exercise whose code stands alone.
  std::string builds_on;
  /// The folders whose code makes this exercise's, oldest first, ending with `dir`: `builds_on`'s lineage
  /// and then this folder (load_pack fills it in; empty means `dir` alone).
  std::vector<std::filesystem::path> lineage;
  std::chrono::milliseconds startup_timeout{10000};
  std::chrono::milliseconds time_limit{60000};
  std::vector<std::string> hints;
  /// `[env]`: variables added to every server its check run starts. load_pack() merges in those of the
  /// earlier exercises of the project (this exercise's win), since their steps run against the same server.
  std::map<std::string, std::string> env;
  /// `origins`: where its checks may send requests besides the server under test, each `scheme://host[:port]`
  /// as written (exercises/README.md: checks reach only the server under test).
  std::vector<std::string> origins;
  std::vector<Step> steps;
  std::vector<Rule> rules;  ///< [[rules]], in the order written
  /// Every mutants/<name>.toml, sorted by name; with MutantLoading::ForCommandSteps only for an exercise
  /// with a command step against the mutants, and empty for the others.
  std::vector<Mutant> mutants;

  /// Whether a step needs the learner's server: every kind but `practice` does.
  bool needs_server() const;

  /// `starter/<stack>` inside the exercise folder: a whole starter, which a pack may keep instead of marking
  /// the starter's regions in the solution (see exercise_code.hpp).
  std::filesystem::path starter(const std::string& stack) const { return dir / "starter" / stack; }
};

/// A loaded pack: its roadmap and every exercise that has a folder, in roadmap order (up to the `last` one
/// load_pack was given).
struct Pack {
  std::filesystem::path root;
  std::string id;
  std::string title;
  std::string version;
  std::vector<Stage> stages;
  std::vector<Exercise> exercises;

  /// The exercise with `id`, or nullptr (also for exercises the roadmap lists but that have no folder yet).
  const Exercise* find_exercise(const std::string& id) const;
  /// The exercises of `project` that come before `exercise` in roadmap order.
  std::vector<const Exercise*> earlier_in_project(const Exercise& exercise) const;
};

/// Which exercises' mutants a load reads. Most commands run no mutant, and the built-in pack's ~200 mutant
/// files are most of what loading it reads (about 20 ms of every command).
enum class MutantLoading {
  All,              ///< every exercise's: pack validate, pack add
  ForCommandSteps,  ///< only those of exercises with a command step against the mutants: what check runs
};

/// Loads the pack at `root`: roadmap.toml, then exercises/<id>/exercise.toml for every listed exercise
/// whose folder exists, and the mutants `mutants` asks for; or the first problem, naming the file, line and
/// column. `last`, when the roadmap lists an exercise of that id with a folder, ends the reading there: the
/// exercises after it are left out, as a command about one exercise needs only it and those before it (the
/// earlier exercises of its project, what it builds on), and reading the rest was most of its start-up.
Expected<Pack, std::vector<Diagnostic>> load_pack(const std::filesystem::path& root,
                                                  MutantLoading mutants = MutantLoading::All,
                                                  std::string_view last = {});

/// Loads the pack as load_pack(root) does, but records every problem of its files in `errors` and goes on:
/// a field that is wrong is read as absent, and an exercise, step or mutant that cannot be read is left out
/// (`roadwork pack validate`). The one problem returned instead: `root` holds no lessons/roadmap.toml.
Expected<Pack, std::vector<Diagnostic>> load_pack(const std::filesystem::path& root,
                                                  std::vector<Diagnostic>& errors);

/// Loads one exercise.toml; `dir` is the exercise folder.
Expected<Exercise, std::vector<Diagnostic>> load_exercise(const std::filesystem::path& dir);

/// The built-in pack's folder: $ROADWORK_PACK_DIR; else, for the binary of the build tree, the source tree
/// it was built from; else the installed copy beside the binary (<prefix>/share/roadwork/backend). The
/// problem when that copy is missing.
Expected<std::filesystem::path> builtin_pack_dir();

}  // namespace roadwork::course
