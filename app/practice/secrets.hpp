#pragma once
// The per-workspace secrets of a practice exercise, kept beside its log: a token the learner must send back,
// so that a task is done by reading what the server printed, not by copying a command from someone else.

#include <cstddef>
#include <filesystem>
#include <string>

#include "app/core/expected.hpp"

namespace roadwork::practice {

/// What a practice server and its grading know besides the requests.
struct Secrets {
  std::string token;  ///< empty when no practice server has run in this workspace yet
};

/// `digits` random lowercase hex digits from std::random_device, for tokens and session ids.
std::string random_hex(std::size_t digits);

/// The secrets of the practice exercise whose log is `log_path`, made and stored on first use (the file is
/// written whole, then renamed into place, so a crash never leaves half a token); the problem when they
/// cannot be stored.
Expected<Secrets> load_or_create_secrets(const std::filesystem::path& log_path);

/// The stored secrets, or an empty token when none were made yet.
Secrets read_secrets(const std::filesystem::path& log_path);

}  // namespace roadwork::practice
