#pragma once
// Helpers shared by the unit tests (header-only: each test file is its own executable).

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/types.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "app/core/expected.hpp"

namespace roadwork::testing {

/// A fresh folder (mkdtemp) under the system temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "roadwork-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The whole file at `path`, as bytes; "" when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The message of the `Error` that `run` throws ("" when it throws none).
template <typename Error, typename F>
std::string error_message(F&& run) {
  try {
    run();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

/// True while process `pid` runs or is stopped; false once it is a zombie or gone (from /proc/PID/stat).
inline bool process_alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z' &&
         text[close + 2] != 'X';
}

/// Set by skip(); main.cpp then exits with kSkipExitCode, which ctest shows as "Skipped" (SKIP_RETURN_CODE).
inline bool any_skipped = false;
/// What a test file's executable exits with when every case passed and one or more were skipped.
inline constexpr int kSkipExitCode = 77;

/// Records that the running case cannot run here, for `reason` (a fact of the machine, never an error of
/// roadwork's); the caller returns next. The file's ctest entry then shows as skipped, not passed.
inline void skip(const std::string& reason) {
  MESSAGE("skipped: " << reason);
  any_skipped = true;
}

/// The value of `expected`; the test fails, showing the problem, when there is none.
template <class T, class E>
T value_of(Expected<T, E> expected) {
  if (!expected) FAIL(render(expected.error()));
  return std::move(*expected);
}

/// What the user reads of `diagnostics`: each rendered at its place, or its bare message when it has none
/// (as Fatal's what() gives it); "" for none.
inline std::string problem_text(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics)
    text += (text.empty() ? "" : "\n") + (diagnostic.file.empty() ? diagnostic.message : render(diagnostic));
  return text;
}
inline std::string problem_text(const Diagnostic& diagnostic) {
  return problem_text(std::vector{diagnostic});
}

/// The problem `expected` holds, as problem_text() shows it; "" when it holds a value.
template <class T, class E>
std::string problem_of(const Expected<T, E>& expected) {
  return expected ? "" : problem_text(expected.error());
}

}  // namespace roadwork::testing
