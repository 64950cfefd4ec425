#pragma once
// The log of a practice exercise: every request its server received, one JSON line each
// (recorded_request.hpp), kept across sessions so the learner can stop and come back.

#include <filesystem>
#include <utility>
#include <vector>

#include "app/core/expected.hpp"
#include "app/core/unique_fd.hpp"
#include "app/practice/recorded_request.hpp"

namespace roadwork::practice {

/// Appends requests to the log. Each line goes out in one write(2) on an O_APPEND descriptor: it reaches
/// the kernel before the server answers, so a check run right after curl returns already sees it, a killed
/// roadwork loses nothing, and the lines of two servers on the same log never interleave.
class RequestLog {
 public:
  /// Opens (creating it and its folders) the log at `path`; the problem when it cannot.
  static Expected<RequestLog> open(const std::filesystem::path& path);

  /// Appends one line. Throws std::system_error when the write fails (a full disk).
  void append(const RecordedRequest& request);

 private:
  RequestLog(std::filesystem::path path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}

  std::filesystem::path path_;
  UniqueFd fd_;
};

/// Every request in the log at `path`, oldest first; empty when the log does not exist yet. Lines that are
/// not a recorded request (a hand-edited log) are skipped: they cannot show that a task was done.
std::vector<RecordedRequest> read_log(const std::filesystem::path& path);

}  // namespace roadwork::practice
