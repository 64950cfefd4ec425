#pragma once
// Reading a whole file of the pack or the workspace (a check file, a lesson, a starter's file).

#include <filesystem>
#include <optional>
#include <string>

namespace roadwork {

/// The whole content of `path`, bytes as they are; nullopt when it cannot be opened or read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace roadwork
