#include "app/cli/check_files.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "checker/hurl/diagnostic.hpp"
#include "checker/run/expression_checks.hpp"

namespace roadwork::cli {

namespace {

// The whole file, or nullopt with errno set. fopen and ferror rather than a stream, so that a folder or an
// unreadable file is reported with the system's reason.
std::optional<std::string> read_file(const std::string& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!stream) return std::nullopt;
  std::string text;
  char buffer[65536];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, stream.get())) > 0) text.append(buffer, count);
  if (std::ferror(stream.get())) return std::nullopt;
  return text;
}

}  // namespace

std::optional<std::vector<hurl::HurlFile>> parse_check_files(const std::vector<std::string>& paths) {
  std::vector<hurl::HurlFile> files;
  bool all_parsed = true;
  for (const auto& path : paths) {
    const auto source = read_file(path);
    if (!source) {
      hurl::Diagnostic unreadable;  // field by field: GCC 12 (-O2) sees the aggregate form as uninitialized
      unreadable.message = std::string("cannot read file: ") + std::strerror(errno);
      unreadable.location = {path, 1, 1};
      fmt::print(stderr, "{}", hurl::format_diagnostic(unreadable, ""));
      all_parsed = false;
      continue;
    }
    auto parsed = run::parse_checked(*source, path);
    for (const auto& error : parsed.errors) fmt::print(stderr, "{}", hurl::format_diagnostic(error, *source));
    if (parsed.file)
      files.push_back(std::move(*parsed.file));
    else
      all_parsed = false;
  }
  if (!all_parsed) return std::nullopt;
  return files;
}

}  // namespace roadwork::cli
