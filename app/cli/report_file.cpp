#include "app/cli/report_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "app/core/fatal.hpp"

namespace roadwork::cli {

void write_report_file(const std::string& path, std::string_view text, std::string_view what) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (out) out.close();
  if (!out)
    throw Fatal(fmt::format("cannot write the {} report to {}: {}", what, path, std::strerror(errno)));
}

}  // namespace roadwork::cli
