#include "app/cli/report_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "app/core/fatal.hpp"

namespace roadwork::cli {

void write_report_file(const std::string& path, std::string_view text, std::string_view what) {
  // Written beside it and renamed over it, so that a reader — or an interrupt — never finds half a report.
  const std::string temporary = path + ".partial";
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (out) out.close();
  if (!out || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw Fatal(fmt::format("cannot write the {} report to {}: {}", what, path, std::strerror(error)));
  }
}

}  // namespace roadwork::cli
