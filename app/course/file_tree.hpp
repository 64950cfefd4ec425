#pragma once
// A project's files held in memory: an exercise's solution or starter as roadwork materialises it from the
// pack before writing it out (exercises/README.md: Exercise code).

#include <filesystem>
#include <map>
#include <string>

#include "app/core/expected.hpp"

namespace roadwork::course {

/// One file of a project: its bytes and whether it is executable (mode 0755 rather than 0644).
struct ProjectFile {
  std::string text;
  bool executable = false;
};

/// A project's files keyed by their path relative to the project folder, '/'-separated ("tests/api.py").
using FileTree = std::map<std::string, ProjectFile>;

/// Reads every regular file under `dir` (a node_modules folder left out). The problem names the file that
/// cannot be read, or a symbolic link (a pack holds only files and folders, so nothing of it leads out).
Expected<FileTree> read_file_tree(const std::filesystem::path& dir);

/// Writes `tree` under `dir`, creating folders as needed and replacing files of the same name. Returns ""
/// on success, else the error for people ("cannot write DIR/server.py: reason").
std::string write_file_tree(const FileTree& tree, const std::filesystem::path& dir);

}  // namespace roadwork::course
